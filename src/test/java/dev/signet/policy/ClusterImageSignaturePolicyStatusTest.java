package dev.signet.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClusterImageSignaturePolicyStatusTest {
  private static final Instant T1 = Instant.parse("2026-11-30T06:00:00.123Z");
  private static final Instant T2 = Instant.parse("2026-11-30T07:00:00Z");

  private static ClusterImageSignaturePolicyStatus statusOf(ClusterImageSignaturePolicy p, Instant now) {
    return ClusterImageSignaturePolicyStatus.of(p, PolicyCompiler.compile(p), now);
  }

  @Test
  void validPolicyIsReady() {
    ClusterImageSignaturePolicy p = DemoPolicy.policy();
    p.getMetadata().setGeneration(3L);
    ClusterImageSignaturePolicyStatus s = statusOf(p, T1);
    assertEquals(3L, s.getObservedGeneration());
    assertEquals(1, s.getTrustedKeyCount());
    Condition c = s.getConditions().get(0);
    assertEquals("Ready", c.getType());
    assertEquals("True", c.getStatus());
    assertEquals("Valid", c.getReason());
    assertEquals(3L, c.getObservedGeneration());
    assertEquals("2026-11-30T06:00:00Z", c.getLastTransitionTime());
  }

  @Test
  void invalidPolicyNamesEveryFieldPath() {
    ClusterImageSignaturePolicy p = DemoPolicy.policy();
    p.getSpec().setThreshold(3);
    p.getSpec().setCompartmentId("x");
    Condition c = statusOf(p, T1).getConditions().get(0);
    assertEquals("False", c.getStatus());
    assertEquals("InvalidSpec", c.getReason());
    assertEquals("spec.compartmentId: 'x' is not a compartment or tenancy OCID (ocid1.compartment.<realm>..<id>);"
        + " spec.threshold: is 3 but only 1 distinct trusted key is listed", c.getMessage());
  }

  @Test
  void keepsTheTransitionTimeWhileReadinessIsUnchanged() {
    ClusterImageSignaturePolicy p = DemoPolicy.policy();
    p.setStatus(statusOf(p, T1));
    p.getMetadata().setGeneration(2L);
    assertEquals("2026-11-30T06:00:00Z", statusOf(p, T2).getConditions().get(0).getLastTransitionTime());
    p.getSpec().setTrustedKeys(null);
    ClusterImageSignaturePolicyStatus invalid = statusOf(p, T2);
    assertEquals("2026-11-30T07:00:00Z", invalid.getConditions().get(0).getLastTransitionTime());
    assertEquals(0, invalid.getTrustedKeyCount());
  }
}
