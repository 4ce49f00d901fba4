package dev.signet.policy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election among Signet replicas on the {@code coordination.k8s.io/v1} {@code Lease}
 * {@value #LEASE_NAME} in Signet's namespace (fabric8's {@code LeaderElector}), so that only one replica writes
 * policy status (and, later, audit reports). Use {@code election::isLeader} as the {@code BooleanSupplier}. After
 * losing the lease the replica campaigns again; {@link #close()} releases it.
 */
public final class LeaderElection implements AutoCloseable {
  /** Name of the Lease. */
  public static final String LEASE_NAME = "signet-leader";
  private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

  /**
   * Timing of the election.
   *
   * @param leaseDuration how long a lease is valid without renewal
   * @param renewDeadline how long the leader keeps trying to renew before giving up
   * @param retryPeriod time between attempts
   */
  public record Timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    /** The client-go defaults: 15 s, 10 s, 2 s. */
    public static final Timing DEFAULT = new Timing(Duration.ofSeconds(15), Duration.ofSeconds(10),
        Duration.ofSeconds(2));
  }

  private final KubernetesClient client;
  private final String namespace;
  private final String identity;
  private final Timing timing;
  private final List<Runnable> onStart = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "signet-leader-election");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean leader;
  private volatile boolean closed;
  private CompletableFuture<?> running;

  /**
   * @param client the Kubernetes client (not closed by this object)
   * @param namespace Signet's namespace, where the Lease lives
   * @param identity this replica's name in the Lease (unique per process)
   * @param timing lease timing
   */
  public LeaderElection(KubernetesClient client, String namespace, String identity, Timing timing) {
    this.client = client;
    this.namespace = namespace;
    this.identity = identity;
    this.timing = timing;
  }

  /**
   * @param podName the pod name ({@code POD_NAME} or {@code HOSTNAME}), or null
   * @return {@code <pod name>-<8 random hex>}, unique per process
   */
  public static String identity(String podName) {
    String base = podName == null || podName.isBlank() ? "signet" : podName;
    return base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** @param listener called (on fabric8's thread) each time this replica becomes the leader */
  public void onStartLeading(Runnable listener) {
    onStart.add(listener);
  }

  /**
   * Starts campaigning in the background.
   *
   * @return this election
   */
  public synchronized LeaderElection start() {
    if (!closed && running == null) {
      campaign();
    }
    return this;
  }

  private synchronized void campaign() {
    if (closed) {
      return;
    }
    LeaderCallbacks callbacks = new LeaderCallbacks(this::startedLeading, this::stoppedLeading,
        id -> LOG.info("leader is now {}", id));
    running = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
        .withName(LEASE_NAME)
        .withLock(new LeaseLock(namespace, LEASE_NAME, identity))
        .withLeaseDuration(timing.leaseDuration())
        .withRenewDeadline(timing.renewDeadline())
        .withRetryPeriod(timing.retryPeriod())
        .withReleaseOnCancel(true)
        .withLeaderCallbacks(callbacks)
        .build()).build().start();
    running.whenComplete((r, e) -> {
      leader = false;
      if (!closed) {
        LOG.info("leader election ended ({}); campaigning again", e == null ? "lease lost" : e.toString());
        restarts.schedule(this::campaign, timing.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
      }
    });
  }

  private void startedLeading() {
    leader = true;
    LOG.info("{} is the leader (Lease {}/{})", identity, namespace, LEASE_NAME);
    for (Runnable r : onStart) {
      try {
        r.run();
      } catch (RuntimeException e) {
        LOG.warn("leader start listener failed: {}", e.toString());
      }
    }
  }

  private void stoppedLeading() {
    leader = false;
    LOG.info("{} stopped leading", identity);
  }

  /** @return true while this replica holds the Lease */
  public boolean isLeader() {
    return leader;
  }

  /** @return this replica's identity in the Lease */
  public String identity() {
    return identity;
  }

  /** Stops campaigning and releases the Lease when held. */
  @Override
  public synchronized void close() {
    closed = true;
    leader = false;
    if (running != null) {
      running.cancel(true);
    }
    restarts.shutdownNow();
  }
}
