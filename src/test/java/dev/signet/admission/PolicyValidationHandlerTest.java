package dev.signet.admission;

import static dev.signet.admission.Reviews.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.policy.ClusterImageSignaturePolicy;
import dev.signet.policy.DemoPolicy;
import dev.signet.policy.TrustedKeySpec;
import dev.signet.verify.ReasonCode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Admission-time validation of policy objects and the {@code /validate} routing. */
class PolicyValidationHandlerTest {
  private static final KubernetesSerialization K8S = new KubernetesSerialization();
  private final AdmissionRequestParser parser = new AdmissionRequestParser();
  private final PolicyValidationHandler handler = new PolicyValidationHandler();

  private static ObjectNode json(ClusterImageSignaturePolicy policy) throws Exception {
    return (ObjectNode) JSON.readTree(K8S.asJson(policy));
  }

  private static ClusterImageSignaturePolicy invalid() {
    ClusterImageSignaturePolicy p = DemoPolicy.policy();
    p.getMetadata().setName("bad");
    p.getSpec().setImages(List.of());
    p.getSpec().setCompartmentId("ocid1.bucket.oc1..nope");
    List<TrustedKeySpec> keys = new ArrayList<>(p.getSpec().getTrustedKeys());
    keys.add(new TrustedKeySpec("ocid1.key.oc1.phx.short", List.of(), null));
    p.getSpec().setTrustedKeys(keys);
    p.getSpec().setThreshold(5);
    return p;
  }

  private AdmissionRequest request(String operation, JsonNode object, JsonNode oldObject, String subResource)
      throws Exception {
    ObjectNode review = Reviews.review("u1", operation, "", "signet.dev", "v1alpha1", "ClusterImageSignaturePolicy",
        ValidateRouter.POLICY_RESOURCE, object, oldObject);
    if (subResource != null) {
      ((ObjectNode) review.get("request")).put("subResource", subResource);
    }
    return parser.parse(Reviews.bytes(review));
  }

  @Test
  void refusesAnInvalidPolicyWithEveryFieldPath() throws Exception {
    AdmissionOutcome outcome = handler.handle(request("CREATE", json(invalid()), null, null));
    JsonNode response = outcome.review().get("response");
    assertFalse(response.get("allowed").asBoolean());
    assertEquals(403, response.path("status").path("code").asInt());
    String message = response.path("status").path("message").asText();
    assertTrue(message.startsWith("ClusterImageSignaturePolicy \"bad\" is invalid: "), message);
    for (String path : List.of("spec.images: ", "spec.compartmentId: ", "spec.trustedKeys[1].kmsKeyId: ",
        "spec.threshold: ")) {
      assertTrue(message.contains(path), () -> path + " missing from " + message);
    }
    assertEquals(Decision.DENY, outcome.decision());
    assertEquals(List.of(ReasonCode.PolicyInvalid), outcome.reasons());
  }

  @Test
  void refusesAnUnreadableSpecNamingTheField() throws Exception {
    ObjectNode object = json(DemoPolicy.policy());
    ((ObjectNode) object.get("spec")).put("threshold", "two");
    String message = handler.handle(request("CREATE", object, null, null)).review().get("response").path("status")
        .path("message").asText();
    assertTrue(message.contains("spec.threshold: cannot be read"), message);
  }

  @Test
  void admitsAValidPolicyAndDeletes() throws Exception {
    assertTrue(handler.handle(request("CREATE", json(DemoPolicy.policy()), null, null)).review().get("response")
        .get("allowed").asBoolean());
    assertTrue(handler.handle(request("DELETE", null, json(invalid()), null)).review().get("response")
        .get("allowed").asBoolean());
  }

  @Test
  void admitsStatusUpdatesAndUpdatesThatLeaveAnInvalidSpecUnchanged() throws Exception {
    ObjectNode bad = json(invalid());
    assertTrue(handler.handle(request("UPDATE", bad, bad, "status")).review().get("response").get("allowed")
        .asBoolean());
    ObjectNode relabelled = bad.deepCopy();
    ((ObjectNode) relabelled.get("metadata")).putObject("labels").put("team", "a");
    assertTrue(handler.handle(request("UPDATE", relabelled, bad, null)).review().get("response").get("allowed")
        .asBoolean());
    assertFalse(handler.handle(request("UPDATE", bad, json(DemoPolicy.policy()), null)).review().get("response")
        .get("allowed").asBoolean());
  }

  @Test
  void routerValidatesPoliciesEvenWhenWorkloadsAreOnlyAudited() throws Exception {
    AtomicInteger workloadCalls = new AtomicInteger();
    ImageEvaluator failEverything = (ns, images, deadline) -> {
      workloadCalls.incrementAndGet();
      return images.stream().map(i -> new ImageResult(i, null, List.of(),
          List.of(new PolicyFailure(null, dev.signet.policy.PolicyMode.Enforce, ReasonCode.NoSignature, "x")),
          false)).toList();
    };
    try (AdmissionHandler audit = new AdmissionHandler(failEverything,
        new AdmissionSettings(Set.of(), ServerMode.AUDIT, Duration.ofSeconds(2)))) {
      ValidateRouter router = new ValidateRouter(handler, audit);
      assertFalse(router.handle(request("CREATE", json(invalid()), null, null)).review().get("response")
          .get("allowed").asBoolean(), "--mode audit never relaxes policy validation");
      assertEquals(0, workloadCalls.get());
      AdmissionOutcome pod = router.handle(parser.parse(Reviews.bytes(Reviews.podReview("u2", "CREATE", "team-a",
          Reviews.pod(Reviews.podSpec("phx.ocir.io/demotenancy/project01/acme-web-app:v2.0-unsigned")), null))));
      assertEquals(1, workloadCalls.get(), "pods go to the workload handler");
      assertEquals(Decision.WARN, pod.decision());
    }
  }
}
