package dev.signet.cli;

import java.util.Map;

/** Opens the package-private demo test server to tests and benchmarks in other packages. */
public final class DemoServerAccess implements AutoCloseable {
  private final DemoServer demo;

  private DemoServerAccess(DemoServer demo) {
    this.demo = demo;
  }

  /**
   * @param extraArgs extra {@code serve} flags
   * @return a started {@code serve --demo --plain-http}
   */
  public static DemoServerAccess start(String... extraArgs) {
    return new DemoServerAccess(DemoServer.start(extraArgs));
  }

  /**
   * @param review an AdmissionReview body
   * @return {@code response.allowed}
   * @throws Exception on transport errors
   */
  public boolean allowed(byte[] review) throws Exception {
    return demo.post("/validate", review).body().at("/response/allowed").asBoolean();
  }

  /** @return emulator call counts */
  public Map<String, Long> stats() {
    return demo.stats();
  }

  @Override
  public void close() {
    demo.close();
  }
}
