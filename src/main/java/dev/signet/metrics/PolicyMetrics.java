package dev.signet.metrics;

import dev.signet.policy.PolicySource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gauge {@code signet_policies{ready="true"|"false"}} (DESIGN §11): how many policies the source currently
 * holds with a valid spec ({@code Ready=True}) and with an invalid one ({@code Ready=False}). Read from the
 * source's snapshot at every scrape, so it follows file reloads and informer updates without events.
 */
public final class PolicyMetrics {
  private PolicyMetrics() {}

  /**
   * Registers the two gauge series.
   *
   * @param source the policies serving admissions
   * @param registry where to register
   */
  public static void bind(PolicySource source, MeterRegistry registry) {
    gauge(source, registry, true);
    gauge(source, registry, false);
  }

  private static void gauge(PolicySource source, MeterRegistry registry, boolean ready) {
    Gauge.builder("signet_policies", source, s -> count(s, ready))
        .description("ClusterImageSignaturePolicies loaded, by Ready condition")
        .tag("ready", Boolean.toString(ready)).register(registry);
  }

  private static double count(PolicySource source, boolean ready) {
    try {
      return source.policies().stream().filter(p -> p.valid() == ready).count();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
