package dev.signet.admission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a PEM certificate and key file pair and hands new {@link TlsMaterial} to a callback when their contents
 * change (cert-manager rotation through a Secret volume, which swaps a symlink: polling contents is reliable where
 * file-system events are not). A pair that does not load (e.g. half-written) is logged and retried at the next
 * poll; the old material stays in use.
 */
public final class TlsFileWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TlsFileWatcher.class);

  private final Path certFile;
  private final Path keyFile;
  private final Consumer<TlsMaterial> onChange;
  private final ScheduledExecutorService timer;
  private byte[] lastDigest;

  /**
   * Starts polling; the files' current contents count as already loaded.
   *
   * @param certFile the PEM certificate chain file
   * @param keyFile the PEM private key file
   * @param interval time between polls (e.g. 10 s)
   * @param onChange receives each newly loaded pair, e.g. {@link AdmissionServer#reloadTls}
   */
  public TlsFileWatcher(Path certFile, Path keyFile, Duration interval, Consumer<TlsMaterial> onChange) {
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.onChange = onChange;
    this.lastDigest = digestOrNull();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "signet-tls-watcher");
      t.setDaemon(true);
      return t;
    });
    long ms = Math.max(1, interval.toMillis());
    timer.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void poll() {
    byte[] digest = digestOrNull();
    if (digest == null || Arrays.equals(digest, lastDigest)) {
      return;
    }
    try {
      TlsMaterial material = TlsMaterial.load(certFile, keyFile);
      onChange.accept(material);
      lastDigest = digest;
    } catch (IOException | RuntimeException e) {
      LOG.warn("TLS files changed but cannot be used yet ({}); keeping the current certificate", e.getMessage());
    }
  }

  private byte[] digestOrNull() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(Files.readAllBytes(certFile));
      sha.update((byte) 0);
      sha.update(Files.readAllBytes(keyFile));
      return sha.digest();
    } catch (IOException e) {
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** Stops polling. */
  @Override
  public void close() {
    timer.shutdownNow();
  }
}
