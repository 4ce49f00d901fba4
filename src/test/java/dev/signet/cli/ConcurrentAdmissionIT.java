package dev.signet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.emulator.DemoSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A 100-replica rollout costs one lookup: 100 concurrent admissions of one uncached image, through the real
 * webhook, SDK clients and emulator, make exactly one digest lookup, one signature listing and one Vault Verify.
 */
class ConcurrentAdmissionIT {

  @Test
  void hundredConcurrentAdmissionsOfOneImageCostOneLookupOneListingOneVerify() throws Exception {
    byte[] review = Files.readAllBytes(Path.of("examples", "admission", "pod-v7.0-two-keys.json"));
    try (DemoServer demo = DemoServer.start()) {
      assertTrue(demo.stats().isEmpty(), "the demo warms no cache at start: " + demo.stats());
      ExecutorService pool = Executors.newFixedThreadPool(100);
      CountDownLatch gate = new CountDownLatch(1);
      List<Future<DemoServer.Response>> answers = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        answers.add(pool.submit(() -> {
          gate.await();
          return demo.post("/validate", review);
        }));
      }
      gate.countDown();
      for (Future<DemoServer.Response> f : answers) {
        DemoServer.Response r = f.get();
        assertEquals(200, r.status());
        assertTrue(r.body().at("/response/allowed").asBoolean(), r.body().toString());
      }
      pool.shutdown();
      Map<String, Long> stats = demo.stats();
      assertEquals(1L, stats.get("ListContainerImages"), "digest lookups: " + stats);
      assertEquals(1L, stats.get("ListContainerImageSignatures"), "signature listings: " + stats);
      assertEquals(1L, stats.get("Verify"), "Vault verifies (threshold 1, release key): " + stats);
      assertTrue(DemoSeed.digest("v7.0-two-keys").startsWith("sha256:"));
    }
  }
}
