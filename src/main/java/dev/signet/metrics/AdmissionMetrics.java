package dev.signet.metrics;

import dev.signet.admission.AdmissionOutcome;
import dev.signet.admission.AdmissionRequest;
import dev.signet.admission.ReviewHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Counts and times admission decisions (DESIGN §11): {@code signet_admission_requests_total{kind,operation,
 * decision,mode}} (decision {@code allow|deny|warn}, mode the server's {@code --mode}) and the histogram
 * {@code signet_admission_duration_seconds}. Wraps the handler of one webhook path.
 */
public final class AdmissionMetrics implements ReviewHandler {
  private final ReviewHandler delegate;
  private final MeterRegistry registry;
  private final String mode;
  private final Timer duration;

  /**
   * @param delegate the handler to measure
   * @param registry where the meters are registered
   * @param mode the server's mode label, {@code enforce} or {@code audit}
   */
  public AdmissionMetrics(ReviewHandler delegate, MeterRegistry registry, String mode) {
    this.delegate = delegate;
    this.registry = registry;
    this.mode = mode;
    this.duration = Timer.builder("signet_admission_duration_seconds")
        .description("Time to answer one AdmissionReview").publishPercentileHistogram().register(registry);
  }

  /** Kinds a webhook configuration sends; anything else is counted as {@code other} (bounded label values). */
  static final java.util.Set<String> KNOWN_KINDS = java.util.Set.of("Pod", "Deployment", "ReplicaSet", "StatefulSet",
      "DaemonSet", "Job", "CronJob", "ReplicationController", "EphemeralContainers", "ClusterImageSignaturePolicy");

  /**
   * @param kind the request's kind, as sent by the caller
   * @return the kind when it is one Signet is registered for, else {@code other}, so a caller cannot create
   *     unbounded metric series
   */
  static String kindLabel(String kind) {
    return KNOWN_KINDS.contains(kind) ? kind : "other";
  }

  @Override
  public AdmissionOutcome handle(AdmissionRequest request) {
    AdmissionOutcome outcome = delegate.handle(request);
    duration.record(outcome.duration());
    Counter.builder("signet_admission_requests_total").description("AdmissionReviews answered")
        .tag("kind", kindLabel(request.kind().kind())).tag("operation", request.operation().name())
        .tag("decision", outcome.decision().label()).tag("mode", mode)
        .register(registry).increment();
    return outcome;
  }
}
