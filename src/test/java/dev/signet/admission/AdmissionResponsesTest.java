package dev.signet.admission;

import static dev.signet.admission.Reviews.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.admission.AdmissionRequest.GroupVersionKind;
import dev.signet.admission.AdmissionRequest.GroupVersionResource;
import dev.signet.admission.AdmissionRequest.Operation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionResponsesTest {
  private static final AdmissionRequest REQUEST = new AdmissionRequest("uid-7", "admission.k8s.io/v1beta1",
      new GroupVersionKind("", "v1", "Pod"), new GroupVersionResource("", "v1", "pods"), "", Operation.CREATE,
      "team-a", "web", false, JSON.createObjectNode(), null);

  @Test
  void allowEchoesUidApiVersionAndKindOnly() {
    ObjectNode review = AdmissionResponses.allow(REQUEST);
    assertEquals("{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\","
        + "\"response\":{\"uid\":\"uid-7\",\"allowed\":true}}", review.toString());
  }

  @Test
  void denyJoinsPartsIntoA403ForbiddenStatus() {
    JsonNode response = AdmissionResponses.deny(REQUEST, List.of("a (unresolved): X: y", "b (sha256:1): Z: w"))
        .get("response");
    assertFalse(response.get("allowed").booleanValue());
    assertEquals(403, response.get("status").get("code").intValue());
    assertEquals("Forbidden", response.get("status").get("reason").textValue());
    assertEquals("a (unresolved): X: y; b (sha256:1): Z: w", response.get("status").get("message").textValue());
    assertNull(response.get("warnings"));
  }

  @Test
  void warningsAreCutTo256CharactersWithEllipsis() {
    String exact = "w".repeat(256);
    assertEquals(exact, AdmissionResponses.truncateWarning(exact));
    String cut = AdmissionResponses.truncateWarning("w".repeat(257));
    assertEquals(256, cut.length());
    assertEquals("w".repeat(255) + "…", cut);
  }

  @Test
  void truncationNeverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00";
    assertEquals("w".repeat(254) + "…", AdmissionResponses.truncateWarning("w".repeat(254) + emoji + "tail"));
    assertEquals("w".repeat(253) + emoji + "…",
        AdmissionResponses.truncateWarning("w".repeat(253) + emoji + "tail"));
  }

  @Test
  void warnAddsOneWarningPerPartAndTheViolationsAnnotation() {
    JsonNode response = AdmissionResponses.warn(REQUEST, List.of("p1", "p2")).get("response");
    assertEquals(true, response.get("allowed").booleanValue());
    assertEquals(List.of("p1", "p2"), List.of(response.get("warnings").get(0).textValue(),
        response.get("warnings").get(1).textValue()));
    assertEquals("p1; p2", response.get("auditAnnotations").get("signet.dev/violations").textValue());
  }

  @Test
  void patchIsBase64OfTheCompactJsonPatch() throws Exception {
    ObjectNode review = AdmissionResponses.allow(REQUEST);
    var patch = JSON.createArrayNode();
    patch.addObject().put("op", "replace").put("path", "/spec/containers/0/image").put("value", "r/a:1@sha256:0");
    JsonNode response = AdmissionResponses.withPatch(review, patch).get("response");
    assertEquals("JSONPatch", response.get("patchType").textValue());
    String decoded = new String(Base64.getDecoder().decode(response.get("patch").textValue()),
        StandardCharsets.UTF_8);
    assertEquals(patch, JSON.readTree(decoded));
    assertThrows(IllegalArgumentException.class, () -> AdmissionResponses.withPatch(review, JSON.createObjectNode()));
  }
}
