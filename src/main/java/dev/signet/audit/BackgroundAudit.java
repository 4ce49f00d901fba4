package dev.signet.audit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --background-audit-interval}: re-evaluates the running Pods of every namespace on a fixed delay,
 * only while this replica is the leader, and writes the results as PolicyReports. The first run starts after
 * {@code min(interval, 30s)}; a run that fails is logged and retried at the next tick. Never throws from its
 * thread.
 */
public final class BackgroundAudit implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundAudit.class);
  private static final Duration FIRST_RUN_AT_MOST = Duration.ofSeconds(30);

  private final ClusterAuditor auditor;
  private final PolicyReportWriter writer;
  private final Duration interval;
  private final BooleanSupplier isLeader;
  private ScheduledExecutorService timer;

  /**
   * @param auditor evaluates the Pods
   * @param writer writes the PolicyReports
   * @param interval time between runs (positive)
   * @param isLeader true while this replica should write reports
   * @throws IllegalArgumentException when the interval is not positive
   */
  public BackgroundAudit(ClusterAuditor auditor, PolicyReportWriter writer, Duration interval,
      BooleanSupplier isLeader) {
    if (interval == null || interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("background audit interval must be positive, got " + interval);
    }
    this.auditor = auditor;
    this.writer = writer;
    this.interval = interval;
    this.isLeader = isLeader;
  }

  /**
   * Starts the timer (one daemon thread).
   *
   * @return this
   * @throws IllegalStateException when already started
   */
  public synchronized BackgroundAudit start() {
    if (timer != null) {
      throw new IllegalStateException("background audit already started");
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "signet-background-audit");
      t.setDaemon(true);
      return t;
    });
    long first = Math.min(interval.toMillis(), FIRST_RUN_AT_MOST.toMillis());
    timer.scheduleWithFixedDelay(this::runOnce, first, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Runs one audit now, on the calling thread, when this replica is the leader. Never throws.
   *
   * @return the number of PolicyReports written, or -1 when not the leader or the run failed
   */
  public int runOnce() {
    if (!isLeader.getAsBoolean()) {
      LOG.debug("background audit skipped: not the leader");
      return -1;
    }
    long start = System.nanoTime();
    try {
      List<AuditRow> rows = auditor.audit(AuditScope.allPods(), n -> {});
      int written = writer.write(rows);
      LOG.info("background audit: {} rows, {} PolicyReports written in {} ms", rows.size(), written,
          (System.nanoTime() - start) / 1_000_000);
      return written;
    } catch (RuntimeException e) {
      LOG.warn("background audit failed, retrying in {}: {}", interval, e.toString());
      return -1;
    }
  }

  /** Stops the timer; a run in progress is interrupted. */
  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }
}
