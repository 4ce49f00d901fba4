package dev.signet.policy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each policy's {@code status} ({@link ClusterImageSignaturePolicyStatus#of}: observedGeneration,
 * trustedKeyCount, the {@code Ready} condition) through the status subresource, only on the leader and only when
 * it differs from what the object already carries. Runs on its own thread: after each change of the
 * {@link ClusterPolicySource}, when this replica becomes the leader ({@link #requestSync()}), and every
 * {@code resync} interval. A conflict (someone else changed the object) is left to the next change event.
 */
public final class PolicyStatusWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyStatusWriter.class);

  private final KubernetesClient client;
  private final ClusterPolicySource source;
  private final BooleanSupplier isLeader;
  private final Clock clock;
  private final AtomicBoolean pending = new AtomicBoolean();
  /** name → resourceVersion a status was last written over: the informer has not yet delivered the result. */
  private final Map<String, String> writtenOver = new java.util.concurrent.ConcurrentHashMap<>();
  private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "signet-policy-status");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param client the Kubernetes client (not closed by this writer)
   * @param source the cluster policies whose status is written
   * @param isLeader true while this replica may write
   * @param clock time of condition transitions
   */
  public PolicyStatusWriter(KubernetesClient client, ClusterPolicySource source, BooleanSupplier isLeader,
      Clock clock) {
    this.client = client;
    this.source = source;
    this.isLeader = isLeader;
    this.clock = clock;
  }

  /**
   * Subscribes to policy changes and starts the periodic resync.
   *
   * @param resync interval of a full pass (also retries failed writes), e.g. 60 s
   * @return this writer
   */
  public PolicyStatusWriter start(java.time.Duration resync) {
    source.addListener(this::requestSync);
    long ms = resync.toMillis();
    worker.scheduleWithFixedDelay(this::requestSync, ms, ms, TimeUnit.MILLISECONDS);
    requestSync();
    return this;
  }

  /** Schedules one pass over all policies (coalesced with a pass already pending). */
  public void requestSync() {
    if (pending.compareAndSet(false, true)) {
      try {
        worker.execute(this::syncAll);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        pending.set(false);
      }
    }
  }

  /**
   * One pass: writes every status that differs from the desired one, when this replica is the leader.
   *
   * @return the number of statuses written
   */
  int syncAll() {
    pending.set(false);
    if (!isLeader.getAsBoolean()) {
      return 0;
    }
    int written = 0;
    for (ClusterPolicySource.PolicyEntry entry : source.entries().values()) {
      try {
        written += write(entry) ? 1 : 0;
      } catch (KubernetesClientException e) {
        LOG.info("status of policy {} not written ({}); retrying on the next change", name(entry), e.getCode());
      } catch (RuntimeException e) {
        LOG.warn("status of policy {} not written: {}", name(entry), e.toString());
      }
    }
    return written;
  }

  private boolean write(ClusterPolicySource.PolicyEntry entry) {
    ClusterImageSignaturePolicy resource = entry.read().resource();
    ClusterImageSignaturePolicyStatus desired = ClusterImageSignaturePolicyStatus.of(resource, entry.compiled(),
        clock.instant());
    GenericKubernetesResource raw = entry.raw();
    String version = raw.getMetadata().getResourceVersion();
    if (Objects.equals(desired, resource.getStatus()) || Objects.equals(version, writtenOver.get(name(entry)))) {
      return false;
    }
    // One JSON Patch operation on the status subresource: the spec can never be overwritten by a stale copy, and
    // the conditions list is replaced as a whole (a merge patch would be fine on a real API server; a test
    // server appends lists).
    String patch = "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + PolicyReader.toJson(desired) + "}]";
    client.genericKubernetesResources(PolicyReader.CONTEXT).withName(name(entry)).subresource("status")
        .patch(PatchContext.of(PatchType.JSON), patch);
    if (version != null) {
      writtenOver.put(name(entry), version);
    }
    LOG.info("policy {} status: Ready={} observedGeneration={}", name(entry),
        entry.compiled().valid() ? "True" : "False", desired.getObservedGeneration());
    return true;
  }

  private static String name(ClusterPolicySource.PolicyEntry entry) {
    return entry.compiled().name();
  }

  /** Stops the writer thread. */
  @Override
  public void close() {
    worker.shutdownNow();
  }
}
