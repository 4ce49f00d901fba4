package dev.signet.admission;

import static dev.signet.admission.Reviews.JSON;
import static dev.signet.admission.Reviews.podSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.policy.PolicyMode;
import dev.signet.verify.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AdmissionHandlerTest {
  private static final Set<String> EXCLUDED = AdmissionSettings.excludedNamespaces(null, "signet");

  /** Denies references that are empty or contain a space (stands in for the reference parser). */
  private static final ImageEvaluator INVALID_IS_DENIED = (ns, images, deadline) -> images.stream()
      .map(i -> i.isEmpty() || i.contains(" ") || i.startsWith("<")
          ? new ImageResult(i, null, List.of(), List.of(new PolicyFailure(null, PolicyMode.Enforce,
              ReasonCode.InvalidReference, "not a valid image reference")), false)
          : new ImageResult(i, "sha256:" + "0".repeat(64), List.of(), List.of(), false))
      .toList();

  private static AdmissionRequest pod(String namespace, ObjectNode spec) throws MalformedReviewException {
    return new AdmissionRequestParser().parse(Reviews.bytes(
        Reviews.podReview("u-1", "CREATE", namespace, Reviews.pod(spec), null)));
  }

  private static AdmissionOutcome handle(ImageEvaluator evaluator, ServerMode mode, Duration deadline,
      AdmissionRequest request) {
    try (AdmissionHandler handler = new AdmissionHandler(evaluator, new AdmissionSettings(EXCLUDED, mode, deadline))) {
      return handler.handle(request);
    }
  }

  private static String message(AdmissionOutcome outcome) {
    return outcome.review().get("response").get("status").get("message").textValue();
  }

  @ParameterizedTest
  @EnumSource(ServerMode.class)
  void containerWithoutImageIsDeniedNamingItsFieldInEveryMode(ServerMode mode) throws Exception {
    ObjectNode spec = podSpec("reg.example/a:1");
    spec.withArray("containers").addObject().put("name", "noimage");
    AdmissionOutcome outcome = handle(INVALID_IS_DENIED, mode, Duration.ofSeconds(8), pod("team-a", spec));
    assertEquals(Decision.DENY, outcome.decision());
    assertEquals(List.of(ReasonCode.InvalidReference), outcome.reasons());
    assertEquals("spec.containers[1].image (unresolved): InvalidReference: malformed pod spec: image is missing",
        message(outcome));
  }

  @Test
  void nonStringImageIsDeniedNamingItsFieldAndType() throws Exception {
    ObjectNode spec = podSpec("reg.example/a:1");
    ((ObjectNode) spec.withArray("containers").get(0)).put("image", 5);
    AdmissionOutcome outcome = handle(INVALID_IS_DENIED, ServerMode.ENFORCE, Duration.ofSeconds(8),
        pod("team-a", spec));
    assertEquals("spec.containers[0].image (unresolved): InvalidReference: malformed pod spec: image must be a "
        + "string, found a number", message(outcome));
  }

  @Test
  void auditModeTurnsAnExceededDeadlineIntoAWarning() throws Exception {
    ImageEvaluator sleeps = (ns, images, deadline) -> {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.of();
    };
    AdmissionOutcome outcome = handle(sleeps, ServerMode.AUDIT, Duration.ofMillis(300),
        pod("team-a", podSpec("reg.example/a:1")));
    assertEquals(Decision.WARN, outcome.decision());
    JsonNode response = outcome.review().get("response");
    assertTrue(response.get("allowed").booleanValue());
    assertEquals("reg.example/a:1 (unresolved): BackendError: admission deadline of 300ms exceeded",
        response.get("warnings").get(0).textValue());
  }

  @ParameterizedTest
  @EnumSource(ServerMode.class)
  void malformedPodSpecIsDeniedInEveryModeWithoutEvaluation(ServerMode mode) throws Exception {
    ObjectNode spec = JSON.createObjectNode();
    spec.putObject("containers").put("image", "reg.example/unsigned:1");
    List<List<String>> evaluated = new ArrayList<>();
    ImageEvaluator recording = (ns, images, deadline) -> {
      evaluated.add(images);
      return INVALID_IS_DENIED.evaluate(ns, images, deadline);
    };
    AdmissionOutcome outcome = handle(recording, mode, Duration.ofSeconds(8), pod("team-a", spec));
    assertEquals(Decision.DENY, outcome.decision());
    assertFalse(outcome.review().get("response").get("allowed").booleanValue());
    assertEquals("spec.containers (unresolved): InvalidReference: malformed pod spec: found an object where a list "
        + "of containers belongs", message(outcome));
    assertEquals(List.of(ReasonCode.InvalidReference), outcome.reasons());
    assertTrue(evaluated.isEmpty());
  }

  @Test
  void exceededDeadlineReportsTheDigestOfADigestReference() throws Exception {
    ImageEvaluator sleeps = (ns, images, deadline) -> {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.of();
    };
    String digest = "sha256:" + "ab".repeat(32);
    AdmissionOutcome outcome = handle(sleeps, ServerMode.ENFORCE, Duration.ofMillis(300),
        pod("team-a", podSpec("reg.example/a@" + digest, "reg.example/b:1")));
    assertEquals(Decision.DENY, outcome.decision());
    assertEquals("reg.example/a@" + digest + " (" + digest + "): BackendError: admission deadline of 300ms exceeded; "
        + "reg.example/b:1 (unresolved): BackendError: admission deadline of 300ms exceeded", message(outcome));
  }

  @Test
  void evaluatorBreakingItsContractDeniesWithBackendError() throws Exception {
    ImageEvaluator tooFew = (ns, images, deadline) -> List.of();
    AdmissionOutcome outcome = handle(tooFew, ServerMode.ENFORCE, Duration.ofSeconds(8),
        pod("team-a", podSpec("reg.example/a:1")));
    assertEquals(Decision.DENY, outcome.decision());
    assertTrue(message(outcome).startsWith("reg.example/a:1 (unresolved): BackendError: evaluation failed"));
  }

  @Test
  void evaluatorGetsTheNamespaceAndADeadlineAboutTheConfiguredDurationAhead() throws Exception {
    List<Object> seen = new ArrayList<>();
    ImageEvaluator records = (ns, images, deadline) -> {
      seen.add(ns);
      seen.add(Duration.between(Instant.now(), deadline));
      return INVALID_IS_DENIED.evaluate(ns, images, deadline);
    };
    AdmissionOutcome outcome = handle(records, ServerMode.ENFORCE, Duration.ofSeconds(8),
        pod("team-b", podSpec("reg.example/a:1")));
    assertEquals(Decision.ALLOW, outcome.decision());
    assertEquals("team-b", seen.get(0));
    Duration left = (Duration) seen.get(1);
    assertTrue(left.compareTo(Duration.ofSeconds(8)) <= 0 && left.compareTo(Duration.ofSeconds(1)) > 0, "" + left);
  }

  @Test
  void excludedNamespacesReplaceTheDefaultsButSignetsOwnStays() {
    assertEquals(Set.of("kube-system", "kube-public", "kube-node-lease", "signet"), EXCLUDED);
    assertEquals(Set.of("infra", "signet"), AdmissionSettings.excludedNamespaces(List.of(" infra ", ""), "signet"));
    assertEquals(Set.of("infra"), AdmissionSettings.excludedNamespaces(List.of("infra"), null));
  }

  @Test
  void settingsAndModeRejectBadValues() {
    assertThrows(IllegalArgumentException.class,
        () -> new AdmissionSettings(EXCLUDED, ServerMode.ENFORCE, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> ServerMode.parse("permissive"));
    assertEquals(ServerMode.AUDIT, ServerMode.parse("Audit"));
  }

  @Test
  void untouchedOutcomeSaysWhy() throws Exception {
    AdmissionOutcome outcome = handle(INVALID_IS_DENIED, ServerMode.ENFORCE, Duration.ofSeconds(8),
        pod("signet", podSpec("")));
    assertEquals(Decision.ALLOW, outcome.decision());
    assertEquals("namespace signet is excluded", outcome.note());
    assertEquals(JSON.createObjectNode().put("uid", "u-1").put("allowed", true), outcome.review().get("response"));
  }
}
