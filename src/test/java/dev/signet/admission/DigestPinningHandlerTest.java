package dev.signet.admission;

import static dev.signet.admission.Reviews.podSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.policy.DemoPolicy;
import dev.signet.policy.PolicyMode;
import dev.signet.policy.StaticPolicySource;
import dev.signet.verify.ReasonCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Which requests {@link DigestPinningHandler} evaluates, and that it always allows. */
class DigestPinningHandlerTest {
  static final String DIGEST = "sha256:" + "ab".repeat(32);
  final List<List<String>> evaluated = new CopyOnWriteArrayList<>();

  /** Every image is verified by the demo policy; records what was asked. */
  final ImageEvaluator verifiesAll = (ns, images, deadline) -> {
    evaluated.add(List.copyOf(images));
    return images.stream().map(i -> new ImageResult(i, DIGEST, List.of(DemoPolicy.NAME), List.of(), true)).toList();
  };

  static DigestPinningHandler handler(ImageEvaluator evaluator, Duration deadline) {
    return new DigestPinningHandler(evaluator, StaticPolicySource.demo(),
        new AdmissionSettings(AdmissionSettings.excludedNamespaces(null, "signet"), ServerMode.ENFORCE, deadline),
        new DigestPinningHandler.Settings(true, false));
  }

  static AdmissionRequest request(String operation, String subResource, JsonNode object, JsonNode old)
      throws Exception {
    ObjectNode review = Reviews.podReview("u-1", operation, "team-a", object, old);
    if (!subResource.isEmpty()) {
      ((ObjectNode) review.get("request")).put("subResource", subResource);
    }
    return new AdmissionRequestParser().parse(Reviews.bytes(review));
  }

  static JsonNode patch(AdmissionOutcome outcome) throws Exception {
    JsonNode response = outcome.review().get("response");
    assertTrue(response.get("allowed").asBoolean());
    assertEquals(Decision.ALLOW, outcome.decision());
    JsonNode p = response.get("patch");
    return p == null ? null : Reviews.JSON.readTree(Base64.getDecoder().decode(p.asText()));
  }

  @Test
  void plainPodUpdateAndDeleteAreNotEvaluated() throws Exception {
    ObjectNode pod = Reviews.pod(podSpec("phx.ocir.io/demotenancy/app:v2"));
    ObjectNode old = Reviews.pod(podSpec("phx.ocir.io/demotenancy/app:v1"));
    try (DigestPinningHandler h = handler(verifiesAll, Duration.ofSeconds(8))) {
      assertNull(patch(h.handle(request("UPDATE", "", pod, old))));
      assertNull(patch(h.handle(request("DELETE", "", null, old))));
      assertNull(patch(h.handle(request("UPDATE", "status", pod, old))));
    }
    assertEquals(List.of(), evaluated);
  }

  @Test
  void onlyNewTagReferencesOfAnEphemeralUpdateAreEvaluated() throws Exception {
    ObjectNode old = Reviews.pod(podSpec("phx.ocir.io/demotenancy/app:v1"));
    ObjectNode pod = old.deepCopy();
    var ephemeral = ((ObjectNode) pod.get("spec")).putArray("ephemeralContainers");
    ephemeral.addObject().put("name", "d0").put("image", "phx.ocir.io/demotenancy/debug:1");
    ephemeral.addObject().put("name", "d1").put("image", "phx.ocir.io/demotenancy/debug@" + DIGEST);
    ephemeral.addObject().put("name", "d2").put("image", "not a reference");
    try (DigestPinningHandler h = handler(verifiesAll, Duration.ofSeconds(8))) {
      JsonNode patch = patch(h.handle(request("UPDATE", "ephemeralcontainers", pod, old)));
      assertEquals(1, patch.size());
      assertEquals("/spec/ephemeralContainers/0/image", patch.get(0).get("path").asText());
      assertEquals("phx.ocir.io/demotenancy/debug:1@" + DIGEST, patch.get(0).get("value").asText());
    }
    assertEquals(List.of(List.of("phx.ocir.io/demotenancy/debug:1")), evaluated);
  }

  @Test
  void failingOrSlowEvaluationAllowsWithoutAPatch() throws Exception {
    ImageEvaluator failing = (ns, images, deadline) -> {
      throw new IllegalStateException("boom");
    };
    ImageEvaluator slow = (ns, images, deadline) -> {
      try {
        Thread.sleep(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new ArrayList<>();
    };
    AdmissionRequest create = request("CREATE", "", Reviews.pod(podSpec("phx.ocir.io/demotenancy/app:v1")), null);
    try (DigestPinningHandler h = handler(failing, Duration.ofSeconds(8))) {
      assertNull(patch(h.handle(create)));
    }
    try (DigestPinningHandler h = handler(slow, Duration.ofMillis(100))) {
      AdmissionOutcome outcome = h.handle(create);
      assertNull(patch(outcome));
      assertTrue(outcome.note().contains("not pinned"), outcome.note());
    }
  }

  @Test
  void imagesNotVerifiedUnderEveryMatchingPolicyAreNotPinned() throws Exception {
    ImageEvaluator mixed = (ns, images, deadline) -> List.of(
        new ImageResult(images.get(0), DIGEST, List.of(DemoPolicy.NAME), List.of(), true),
        new ImageResult(images.get(1), DIGEST, List.of(DemoPolicy.NAME), List.of(new PolicyFailure("audit-policy",
            PolicyMode.Audit, ReasonCode.UntrustedKey, "x")), false),
        new ImageResult(images.get(2), null, List.of(), List.of(), false));
    ObjectNode spec = podSpec("phx.ocir.io/demotenancy/a:1", "phx.ocir.io/demotenancy/b:1", "nginx:1.27");
    try (DigestPinningHandler h = handler(mixed, Duration.ofSeconds(8))) {
      JsonNode patch = patch(h.handle(request("CREATE", "", Reviews.pod(spec), null)));
      assertEquals(1, patch.size());
      assertEquals("/spec/containers/0/image", patch.get(0).get("path").asText());
    }
  }
}
