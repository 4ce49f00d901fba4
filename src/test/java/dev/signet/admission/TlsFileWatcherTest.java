package dev.signet.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsFileWatcherTest {
  @Test
  void handsOverRotatedMaterialAndSkipsHalfWrittenFiles(@TempDir Path dir) throws Exception {
    Path cert = dir.resolve("tls.crt");
    Path key = dir.resolve("tls.key");
    SelfSignedCertificate.generate(List.of("localhost")).writePem(cert, key);
    LinkedBlockingQueue<TlsMaterial> seen = new LinkedBlockingQueue<>();
    try (TlsFileWatcher watcher = new TlsFileWatcher(cert, key, Duration.ofMillis(50), seen::add)) {
      TlsMaterial rotated = SelfSignedCertificate.generate(List.of("localhost"));
      Files.writeString(cert, rotated.certificatePem());
      assertNull(seen.poll(300, TimeUnit.MILLISECONDS), "a certificate without its key is not handed over");
      Files.writeString(key, rotated.privateKeyPem());
      TlsMaterial got = seen.poll(10, TimeUnit.SECONDS);
      assertNotNull(got);
      assertEquals(rotated.leaf(), got.leaf());
      assertNull(seen.poll(200, TimeUnit.MILLISECONDS), "unchanged files are not handed over again");
    }
  }
}
