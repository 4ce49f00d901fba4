package dev.signet.policy;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Policies from a multi-document YAML file ({@code --policy-file}), read with {@link PolicyYaml} and compiled
 * with {@link PolicyCompiler}. The first load must succeed (the constructor throws); later reloads
 * ({@link #reload()}, or every interval after {@link #watch(Duration)}) replace the set only when the file's
 * content changed and the new content loads, otherwise the last good set stays in use and the error is kept
 * in {@link #lastError()}. Policies with spec problems are kept (they fail closed at admission) and logged.
 */
public final class FilePolicySource implements PolicySource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FilePolicySource.class);

  private final Path file;
  private volatile List<CompiledPolicy> policies;
  private volatile byte[] contentHash;
  private volatile String lastError;
  private ScheduledExecutorService watcher;

  /**
   * Loads the file once.
   *
   * @param file the policy file
   * @throws PolicyFileException naming the file and document when it cannot be used
   */
  public FilePolicySource(Path file) throws PolicyFileException {
    this.file = file;
    byte[] bytes = PolicyYaml.readBytes(file);
    this.policies = load(bytes);
    this.contentHash = sha256(bytes);
  }

  /** @return the policy file */
  public Path file() {
    return file;
  }

  /** @return the last good compiled policies (an immutable snapshot) */
  @Override
  public List<CompiledPolicy> policies() {
    return policies;
  }

  /** @return the error of the last reload attempt, or empty when it succeeded or nothing changed */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /**
   * Re-reads the file when its content changed. Never throws.
   *
   * @return true when a new set of policies was loaded; false when nothing changed or the new content could
   *     not be used (then the last good set stays and {@link #lastError()} says why)
   */
  public synchronized boolean reload() {
    byte[] bytes;
    try {
      bytes = PolicyYaml.readBytes(file);
    } catch (PolicyFileException e) {
      return failed(e.getMessage());
    }
    byte[] hash = sha256(bytes);
    if (Arrays.equals(hash, contentHash)) {
      return false;
    }
    try {
      policies = load(bytes);
      contentHash = hash;
      lastError = null;
      LOG.info("reloaded {} policies from {}", policies.size(), file);
      return true;
    } catch (PolicyFileException e) {
      contentHash = hash;
      return failed(e.getMessage());
    }
  }

  /**
   * Polls the file for changes on one daemon thread until {@link #close()}.
   *
   * @param interval time between checks (positive)
   * @throws IllegalArgumentException when the interval is not positive
   * @throws IllegalStateException when already watching
   */
  public synchronized void watch(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("watch interval must be positive, not " + interval);
    }
    if (watcher != null) {
      throw new IllegalStateException("already watching " + file);
    }
    watcher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "signet-policy-file-watch");
      t.setDaemon(true);
      return t;
    });
    long ms = interval.toMillis();
    watcher.scheduleWithFixedDelay(this::reload, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Stops watching; the last good policies stay available. */
  @Override
  public synchronized void close() {
    if (watcher != null) {
      watcher.shutdownNow();
      watcher = null;
    }
  }

  private boolean failed(String message) {
    if (!message.equals(lastError)) {
      LOG.warn("keeping the last good policies: {}", message);
    }
    lastError = message;
    return false;
  }

  /**
   * Compiles every policy of the file. A file is the admin's own source of truth, so an invalid policy makes
   * the whole content unusable: at start that is an error, on reload the last good set stays. (Using it would
   * weaken enforcement: a policy whose globs are all invalid matches nothing.)
   */
  private List<CompiledPolicy> load(byte[] bytes) throws PolicyFileException {
    List<CompiledPolicy> compiled = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (ClusterImageSignaturePolicy p : PolicyYaml.read(file, bytes)) {
      CompiledPolicy c = PolicyCompiler.compile(p);
      if (!c.valid()) {
        problems.add("policy " + c.name() + ": " + c.problems().stream().map(Object::toString)
            .collect(java.util.stream.Collectors.joining("; ")));
      }
      compiled.add(c);
    }
    if (!problems.isEmpty()) {
      throw new PolicyFileException("policy file " + file + " has invalid policies: " + String.join("; ", problems));
    }
    return List.copyOf(compiled);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
