package dev.signet.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Label values come from a bounded set, whatever a caller sends. */
class AdmissionMetricsTest {

  @Test
  void unknownKindsShareOneLabelValue() {
    assertEquals("Pod", AdmissionMetrics.kindLabel("Pod"));
    assertEquals("CronJob", AdmissionMetrics.kindLabel("CronJob"));
    assertEquals("other", AdmissionMetrics.kindLabel("Foo"));
    assertEquals("other", AdmissionMetrics.kindLabel("x".repeat(10_000)));
  }
}
