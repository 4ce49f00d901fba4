package dev.signet.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.cli.DemoServerAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints admission latency and throughput figures against an in-process {@code serve --demo} (real SDK clients,
 * emulator over loopback). Not part of the default suite: run with
 * {@code mvn -B test -Dgroups=bench -DexcludedGroups= -Dtest=AdmissionBenchmark}. It asserts only that the
 * answers are right, never how fast they came.
 */
@Tag("bench")
class AdmissionBenchmark {

  @Test
  void printsColdAndWarmAdmissionFigures() throws Exception {
    byte[] review = Files.readAllBytes(Path.of("examples", "admission", "pod-v1.0.json"));
    try (DemoServerAccess demo = DemoServerAccess.start()) {
      long t0 = System.nanoTime();
      assertTrue(demo.allowed(review));
      double coldMs = (System.nanoTime() - t0) / 1e6;
      byte[] other = Files.readAllBytes(Path.of("examples", "admission", "pod-v7.0-two-keys.json"));
      long t1 = System.nanoTime();
      assertTrue(demo.allowed(other));
      double secondColdMs = (System.nanoTime() - t1) / 1e6;
      int warmup = 500;
      for (int i = 0; i < warmup; i++) {
        demo.allowed(review);
      }
      int n = 2000;
      double[] lat = new double[n];
      for (int i = 0; i < n; i++) {
        long s = System.nanoTime();
        demo.allowed(review);
        lat[i] = (System.nanoTime() - s) / 1e6;
      }
      Arrays.sort(lat);
      int threads = 16;
      int perThread = 500;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long start = System.nanoTime();
      List<Future<Boolean>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        fs.add(pool.submit(() -> {
          boolean ok = true;
          for (int i = 0; i < perThread; i++) {
            ok &= demo.allowed(review);
          }
          return ok;
        }));
      }
      for (Future<Boolean> f : fs) {
        assertTrue(f.get());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      Runtime rt = Runtime.getRuntime();
      System.out.printf("%nSignet admission benchmark (demo, plain HTTP, loopback)%n");
      System.out.printf("  first admission after start (digest lookup, listing, Vault verify): %.1f ms%n", coldMs);
      System.out.printf("  cold admission of a second image (SDK clients already built): %.1f ms%n", secondColdMs);
      System.out.printf("  warm admission, sequential: p50 %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)%n",
          lat[n / 2], lat[(int) (n * 0.99)], lat[n - 1], n);
      System.out.printf("  warm throughput, %d clients: %.0f reviews/s (%d reviews in %.2f s)%n", threads,
          threads * perThread / seconds, threads * perThread, seconds);
      System.out.printf("  heap used after run: %d MiB%n", (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
      System.out.printf("  OCI calls in total: %s%n", demo.stats());
    }
  }
}
