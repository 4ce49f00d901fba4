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

  @Override
  public AdmissionOutcome handle(AdmissionRequest request) {
    AdmissionOutcome outcome = delegate.handle(request);
    duration.record(outcome.duration());
    Counter.builder("signet_admission_requests_total").description("AdmissionReviews answered")
        .tag("kind", request.kind().kind()).tag("operation", request.operation().name())
        .tag("decision", outcome.decision().label()).tag("mode", mode)
        .register(registry).increment();
    return outcome;
  }
}
