package dev.signet.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.policy.ClusterImageSignaturePolicy;
import dev.signet.policy.CompiledPolicy;
import dev.signet.policy.PolicyProblem;
import dev.signet.policy.PolicyReader;
import dev.signet.verify.ReasonCode;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Validates {@code ClusterImageSignaturePolicy} objects at admission (DESIGN §5), so that {@code kubectl apply}
 * of a bad policy fails at once: CREATE and UPDATE compile the object with the same compiler the policy source
 * uses and are refused (403, {@code allowed: false}) with every problem's field path when it is invalid. DELETE,
 * CONNECT, subresources (status), objects being deleted and updates that leave the spec unchanged pass. Never
 * relaxed by {@code --mode audit}.
 */
public final class PolicyValidationHandler implements ReviewHandler {
  /**
   * @param request an admission request for a policy object
   * @return allow, or deny with {@code ClusterImageSignaturePolicy "<name>" is invalid: <path>: <problem>; ...}
   */
  @Override
  public AdmissionOutcome handle(AdmissionRequest request) {
    long start = System.nanoTime();
    String skip = skipReason(request);
    if (skip != null) {
      return outcome(request, AdmissionResponses.allow(request), Decision.ALLOW, skip, start);
    }
    ObjectNode object = request.object().deepCopy();
    if (object.get("metadata") instanceof ObjectNode meta) {
      if ((!meta.path("name").isTextual() || meta.path("name").asText().isBlank()) && !request.name().isEmpty()) {
        meta.put("name", request.name());
      }
      meta.remove("namespace");
    }
    CompiledPolicy compiled = PolicyReader.read(object.toString()).compiled();
    if (compiled.valid()) {
      return outcome(request, AdmissionResponses.allow(request), Decision.ALLOW, "policy is valid", start);
    }
    String message = ClusterImageSignaturePolicy.KIND + " \"" + compiled.name() + "\" is invalid: "
        + compiled.problems().stream().map(PolicyProblem::toString).collect(Collectors.joining("; "));
    return outcome(request, AdmissionResponses.deny(request, List.of(message)), Decision.DENY, "", start);
  }

  private static String skipReason(AdmissionRequest request) {
    if (request.operation() != AdmissionRequest.Operation.CREATE
        && request.operation() != AdmissionRequest.Operation.UPDATE) {
      return "operation " + request.operation();
    }
    if (!request.subResource().isEmpty()) {
      return "subresource " + request.subResource();
    }
    JsonNode object = request.object();
    if (object == null || !object.isObject()) {
      return "no object";
    }
    if (object.path("metadata").hasNonNull("deletionTimestamp")) {
      return "object is being deleted";
    }
    JsonNode old = request.oldObject();
    if (request.operation() == AdmissionRequest.Operation.UPDATE && old != null
        && old.path("spec").equals(object.path("spec"))) {
      return "spec unchanged";
    }
    return null;
  }

  private static AdmissionOutcome outcome(AdmissionRequest request, ObjectNode review, Decision decision,
      String note, long start) {
    List<ReasonCode> reasons = decision == Decision.DENY ? List.of(ReasonCode.PolicyInvalid) : List.of();
    return new AdmissionOutcome(request, review, decision, List.of(), List.of(), reasons, note,
        Duration.ofNanos(System.nanoTime() - start));
  }
}
