package dev.signet.cli;

import dev.signet.emulator.EmulatorSeed;
import dev.signet.emulator.OciEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signet emulator}: the standalone OCI emulator (Artifacts and Vault crypto APIs on one port). */
@Command(name = "emulator", mixinStandardHelpOptions = true,
    description = "Run Signet's OCI emulator (Artifacts and Vault crypto REST APIs) on one loopback port.")
final class EmulatorCommand implements java.util.concurrent.Callable<Integer> {
  @Option(names = "--seed", paramLabel = "FILE|demo", defaultValue = "demo",
      description = "Seed YAML file, or 'demo' for the built-in demo seed (default: ${DEFAULT-VALUE})")
  String seed;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8081", description = "Port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--bind", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE})")
  String bind;

  @Option(names = "--oci-config-out", paramLabel = "DIR",
      description = "Write an OCI config file (DIR/config) and API key (DIR/key.pem) the emulator accepts")
  Path ociConfigOut;

  @Override
  public Integer call() throws Exception {
    EmulatorSeed s = loadSeed(seed);
    if (port < 0 || port > 65535) {
      throw new Main.UsageException("--port must be between 0 and 65535, not " + port);
    }
    OciEmulator started;
    try {
      started = OciEmulator.start(s, bind, port);
    } catch (IllegalStateException e) {
      throw new Main.UsageException(e.getMessage());
    }
    try (OciEmulator emulator = started) {
      System.out.println("OCI emulator listening on " + emulator.baseUrl() + " (region " + s.region()
          + ", tenancy namespace " + s.tenancyNamespace() + ")");
      s.compartmentIds().forEach((name, id) -> System.out.println("  compartment " + name + ": " + id));
      if (ociConfigOut != null) {
        Files.createDirectories(ociConfigOut);
        Path config = emulator.writeOciConfig(ociConfigOut);
        System.out.println("OCI config written to " + config + " (profile DEFAULT)");
        System.out.println("  OCI CLI:  oci --config-file " + config + " --endpoint " + emulator.baseUrl()
            + " artifacts container image list --compartment-id <compartment OCID above>");
      }
      System.out.println("Stats: curl -s " + emulator.baseUrl() + "/_emulator/stats");
      System.out.flush();
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    }
    return 0;
  }

  /**
   * @param seed {@code demo} or a YAML file path
   * @return the seed
   * @throws Main.UsageException when the file is missing or invalid
   */
  static EmulatorSeed loadSeed(String seed) {
    try {
      return EmulatorSeed.fromArgument(seed);
    } catch (RuntimeException e) {
      throw new Main.UsageException("cannot use seed '" + seed + "': " + e.getMessage());
    }
  }

}
