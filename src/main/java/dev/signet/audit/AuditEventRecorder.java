package dev.signet.audit;

import dev.signet.admission.AdmissionOutcome;
import dev.signet.admission.AdmissionRequest;
import dev.signet.admission.ImageResult;
import dev.signet.admission.PolicyFailure;
import dev.signet.admission.ReviewHandler;
import dev.signet.admission.ServerMode;
import dev.signet.policy.PolicyMode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ReviewHandler} decorator that records a Kubernetes {@code Event} (type Warning, reason
 * {@code ImageSignatureViolation}) on the {@code ClusterImageSignaturePolicy} for every Audit-mode failure of an
 * admission (DESIGN §11): failures of policies with {@code mode: Audit}, and under {@code --mode audit} every
 * policy failure. Requests with {@code dryRun: true} record nothing. Events are written asynchronously by one
 * daemon thread from a bounded queue: the admission never waits, and a full queue or a failed write only logs.
 * Nothing is recorded until {@link #attach(KubernetesClient)} gives it a client.
 */
public final class AuditEventRecorder implements ReviewHandler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditEventRecorder.class);
  /** Default queue capacity. */
  public static final int DEFAULT_CAPACITY = 1000;

  private final ReviewHandler delegate;
  private final ServerMode mode;
  private final String eventNamespace;
  private final BlockingQueue<ViolationEvent> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();
  private final Clock clock;
  private volatile EventWriter writer;
  private final Thread worker;

  /**
   * @param delegate the handler that decides
   * @param mode the server's {@code --mode}
   * @param eventNamespace where events are written (see {@link #eventNamespace(String)})
   * @param capacity most events waiting to be written; more are dropped
   * @param clock the event timestamps
   */
  public AuditEventRecorder(ReviewHandler delegate, ServerMode mode, String eventNamespace, int capacity,
      Clock clock) {
    this.delegate = delegate;
    this.mode = mode;
    this.eventNamespace = eventNamespace;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.clock = clock;
    this.worker = new Thread(this::drain, "signet-audit-events");
    worker.setDaemon(true);
    worker.start();
  }

  /**
   * @param podNamespace Signet's own namespace ({@code POD_NAMESPACE}), may be null or blank
   * @return that namespace, or {@code default} when unknown (events of cluster-scoped objects conventionally live
   *     there)
   */
  public static String eventNamespace(String podNamespace) {
    return podNamespace == null || podNamespace.isBlank() ? "default" : podNamespace.strip();
  }

  /**
   * Starts recording with this client (events found before are not recorded).
   *
   * @param client the Kubernetes client (needs get/create/update on events in the event namespace, get on
   *     clusterimagesignaturepolicies)
   */
  public void attach(KubernetesClient client) {
    this.writer = new EventWriter(client, eventNamespace, clock);
  }

  /**
   * Lets the delegate decide, then queues one event per Audit-mode policy failure unless the request is a dry run.
   *
   * @param request the parsed request
   * @return the delegate's outcome, unchanged
   */
  @Override
  public AdmissionOutcome handle(AdmissionRequest request) {
    AdmissionOutcome outcome = delegate.handle(request);
    if (request.dryRun() || writer == null) {
      return outcome;
    }
    for (ImageResult result : outcome.results()) {
      for (PolicyFailure f : result.failures()) {
        if (f.policy() != null && (f.mode() == PolicyMode.Audit || mode == ServerMode.AUDIT)) {
          offer(new ViolationEvent(f.policy(), result.image(), result.digest(), f.reason(), f.text(),
              request.kind().kind(), request.namespace(), request.name(), request.operation().name()));
        }
      }
    }
    return outcome;
  }

  private void offer(ViolationEvent event) {
    pending.incrementAndGet();
    if (!queue.offer(event)) {
      pending.decrementAndGet();
      if (dropped.incrementAndGet() % 100 == 1) {
        LOG.warn("audit event queue full: {} events dropped so far", dropped.get());
      }
    }
  }

  private void drain() {
    while (!Thread.currentThread().isInterrupted()) {
      ViolationEvent event;
      try {
        event = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        EventWriter w = writer;
        if (w != null) {
          w.record(event);
        }
      } catch (RuntimeException e) {
        LOG.warn("cannot record event on policy {}: {}", event.policy(), e.toString());
      } finally {
        pending.decrementAndGet();
      }
    }
  }

  /**
   * Waits until every queued event has been written (or failed).
   *
   * @param timeout the longest wait
   * @return true when the queue is empty
   * @throws InterruptedException when interrupted while waiting
   */
  public boolean flush(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (pending.get() > 0 && System.nanoTime() < end) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    return pending.get() == 0;
  }

  /** @return how many events were dropped because the queue was full */
  public long dropped() {
    return dropped.get();
  }

  /** Stops the writer thread; queued events are discarded. */
  @Override
  public void close() {
    worker.interrupt();
  }
}
