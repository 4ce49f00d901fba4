package dev.signet.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.signet.policy.ClusterImageSignaturePolicy;
import dev.signet.policy.DemoPolicy;
import dev.signet.policy.StaticPolicySource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code signet_policies{ready}} counts valid and invalid policies of the current source. */
class PolicyMetricsTest {

  @Test
  void countsReadyAndNotReadyPolicies() {
    ClusterImageSignaturePolicy broken = DemoPolicy.policy();
    broken.getMetadata().setName("broken-threshold");
    broken.getSpec().setThreshold(3);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PolicyMetrics.bind(StaticPolicySource.of(List.of(DemoPolicy.policy(), broken)), registry);
    assertEquals(1.0, registry.get("signet_policies").tag("ready", "true").gauge().value());
    assertEquals(1.0, registry.get("signet_policies").tag("ready", "false").gauge().value());
  }
}
