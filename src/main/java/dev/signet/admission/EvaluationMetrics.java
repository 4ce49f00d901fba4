package dev.signet.admission;

import dev.signet.policy.CompiledPolicy;
import dev.signet.verify.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters for policy evaluations and verifications (DESIGN §11):
 * {@code signet_policy_evaluations_total{policy,mode,result}} with result {@code pass|fail|error}, and
 * {@code signet_verifications_total{result,reason}} with result {@code verified|not_verified|error} and
 * reason the code of DESIGN §4 step 7 ({@code none} when verified).
 */
final class EvaluationMetrics {
  private final MeterRegistry registry;

  EvaluationMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void policyEvaluation(CompiledPolicy policy, String result) {
    Counter.builder("signet_policy_evaluations_total").description("Policy evaluations of one image")
        .tag("policy", policy.name()).tag("mode", policy.mode().name()).tag("result", result)
        .register(registry).increment();
  }

  void verification(Verdict verdict) {
    String result = verdict instanceof Verdict.Verified ? "verified"
        : verdict instanceof Verdict.Error ? "error" : "not_verified";
    String reason = verdict.reason() == null ? "none" : verdict.reason().name();
    Counter.builder("signet_verifications_total").description("Image verifications by result and reason")
        .tag("result", result).tag("reason", reason).register(registry).increment();
  }
}
