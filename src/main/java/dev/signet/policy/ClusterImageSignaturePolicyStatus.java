package dev.signet.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The {@code status} of a {@link ClusterImageSignaturePolicy}, written by Signet (CRD model POJO): the
 * generation it last compiled, how many trusted keys it has, and a {@code Ready} condition with reason
 * {@code Valid} or {@code InvalidSpec} (the message lists the field paths).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterImageSignaturePolicyStatus {
  /** Condition type written by Signet. */
  public static final String READY = "Ready";
  /** {@code Ready} reason when the spec compiled without problems. */
  public static final String REASON_VALID = "Valid";
  /** {@code Ready} reason when the spec has problems. */
  public static final String REASON_INVALID_SPEC = "InvalidSpec";

  @JsonPropertyDescription("metadata.generation of the spec Signet last compiled")
  private Long observedGeneration;

  @JsonPropertyDescription("Number of distinct trusted keys in the compiled spec")
  private Integer trustedKeyCount;

  @JsonPropertyDescription("Ready: True with reason Valid, or False with reason InvalidSpec and the field paths")
  private List<Condition> conditions = new ArrayList<>();

  /**
   * The status Signet writes for a policy it compiled: {@code observedGeneration}, {@code trustedKeyCount}
   * (distinct key OCIDs as written) and a {@code Ready} condition, {@code True}/{@code Valid} or
   * {@code False}/{@code InvalidSpec} with every problem ({@code <field path>: <message>}, joined by
   * {@code "; "}). The condition keeps its {@code lastTransitionTime} when its status does not change.
   *
   * @param resource the policy as read (its current status, if any, is the previous one)
   * @param compiled the result of {@link PolicyCompiler#compile} for {@code resource}
   * @param now the time of a new transition
   * @return a new status object
   */
  public static ClusterImageSignaturePolicyStatus of(ClusterImageSignaturePolicy resource, CompiledPolicy compiled,
      Instant now) {
    ClusterImageSignaturePolicyStatus status = new ClusterImageSignaturePolicyStatus();
    status.setObservedGeneration(compiled.generation());
    status.setTrustedKeyCount(PolicyCompiler.distinctKeyIds(
        resource.getSpec() == null ? null : resource.getSpec().getTrustedKeys()));
    String ready = compiled.valid() ? "True" : "False";
    String transition = now.truncatedTo(ChronoUnit.SECONDS).toString();
    ClusterImageSignaturePolicyStatus previous = resource.getStatus();
    if (previous != null) {
      for (Condition c : previous.getConditions()) {
        if (READY.equals(c.getType()) && ready.equals(c.getStatus()) && c.getLastTransitionTime() != null) {
          transition = c.getLastTransitionTime();
        }
      }
    }
    String message = compiled.valid() ? "policy is valid"
        : compiled.problems().stream().map(PolicyProblem::toString).collect(Collectors.joining("; "));
    status.setConditions(List.of(new Condition(transition, message, compiled.generation(),
        compiled.valid() ? REASON_VALID : REASON_INVALID_SPEC, ready, READY)));
    return status;
  }

  /** @return the generation last compiled, or null */
  public Long getObservedGeneration() {
    return observedGeneration;
  }

  /** @param observedGeneration the generation last compiled */
  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  /** @return distinct trusted keys, or null */
  public Integer getTrustedKeyCount() {
    return trustedKeyCount;
  }

  /** @param trustedKeyCount distinct trusted keys */
  public void setTrustedKeyCount(Integer trustedKeyCount) {
    this.trustedKeyCount = trustedKeyCount;
  }

  /** @return conditions (never null) */
  public List<Condition> getConditions() {
    return conditions;
  }

  /** @param conditions conditions; null becomes empty */
  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : new ArrayList<>(conditions);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterImageSignaturePolicyStatus s && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(trustedKeyCount, s.trustedKeyCount) && Objects.equals(conditions, s.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, trustedKeyCount, conditions);
  }

  @Override
  public String toString() {
    return "ClusterImageSignaturePolicyStatus{observedGeneration=" + observedGeneration
        + ", trustedKeyCount=" + trustedKeyCount + ", conditions=" + conditions + "}";
  }
}
