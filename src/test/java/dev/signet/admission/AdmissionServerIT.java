package dev.signet.admission;

import static dev.signet.admission.Reviews.JSON;
import static dev.signet.admission.Reviews.podSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.policy.PolicyMode;
import dev.signet.verify.ReasonCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Starts the real admission server (plain HTTP and TLS) with a small in-test image evaluator. */
class AdmissionServerIT {
  private static final String REPO = "phx.ocir.io/demotenancy/project01/acme-web-app";
  static final String UNSIGNED = REPO + ":v2.0-unsigned";
  static final String UNTRUSTED = REPO + ":v3.0-untrusted";
  static final String SIGNED = REPO + ":v1.0";
  static final String AUDITED = REPO + ":audited";
  static final String SLOW = REPO + ":slow";
  static final String BROKEN = REPO + ":broken";
  static final String DIGEST = "sha256:" + "ab".repeat(32);
  static final String LONG_TEXT = "signed only by keys this policy does not trust: " + "k".repeat(300);

  /** Fails UNSIGNED/UNTRUSTED under Enforce and AUDITED under Audit; sleeps on SLOW; throws on BROKEN. */
  static final class TestEvaluator implements ImageEvaluator {
    final List<List<String>> calls = new CopyOnWriteArrayList<>();
    final CountDownLatch slowInterrupted = new CountDownLatch(1);

    @Override
    public List<ImageResult> evaluate(String namespace, List<String> images, Instant deadline) {
      calls.add(images);
      if (images.contains(BROKEN)) {
        throw new IllegalStateException("policy index corrupted");
      }
      if (images.contains(SLOW)) {
        try {
          Thread.sleep(20_000);
        } catch (InterruptedException e) {
          slowInterrupted.countDown();
          Thread.currentThread().interrupt();
        }
        return List.of();
      }
      return images.stream().map(TestEvaluator::result).toList();
    }

    private static ImageResult result(String image) {
      List<PolicyFailure> failures = switch (image.substring(image.indexOf(':') + 1)) {
        case "v2.0-unsigned" -> List.of(new PolicyFailure("demo-signed", PolicyMode.Enforce, ReasonCode.NoSignature,
            "no signature for this digest"));
        case "v3.0-untrusted" -> List.of(new PolicyFailure("demo-signed", PolicyMode.Enforce,
            ReasonCode.UntrustedKey, "no signature by a trusted key"));
        case "audited" -> List.of(new PolicyFailure("try-out", PolicyMode.Audit, ReasonCode.UntrustedKey, LONG_TEXT));
        default -> List.of();
      };
      return new ImageResult(image, DIGEST, List.of("demo-signed"), failures, failures.isEmpty());
    }
  }

  static final TestEvaluator EVALUATOR = new TestEvaluator();
  static final AtomicBoolean READY = new AtomicBoolean(false);
  static AdmissionHandler enforce;
  static AdmissionHandler audit;
  static AdmissionServer server;
  static HttpClient http;

  @BeforeAll
  static void start() {
    var excluded = AdmissionSettings.excludedNamespaces(null, "signet-system");
    enforce = new AdmissionHandler(EVALUATOR, new AdmissionSettings(excluded, ServerMode.ENFORCE,
        Duration.ofSeconds(1)));
    audit = new AdmissionHandler(EVALUATOR, new AdmissionSettings(excluded, ServerMode.AUDIT,
        Duration.ofSeconds(1)));
    server = new AdmissionServer(new AdmissionServer.Options("127.0.0.1", 0, null),
        Map.of("/validate", enforce, "/validate-audit", audit, "/validate-throws", r -> {
          throw new IllegalStateException("handler bug");
        }), READY::get).start();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    server.close();
    enforce.close();
    audit.close();
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static HttpResponse<String> post(String path, BodyPublisher body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(body).build();
    return http.send(request, BodyHandlers.ofString());
  }

  private static JsonNode validate(String path, JsonNode review) throws Exception {
    HttpResponse<String> response = post(path, BodyPublishers.ofByteArray(Reviews.bytes(review)));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    JsonNode answer = JSON.readTree(response.body());
    assertEquals("AdmissionReview", answer.get("kind").textValue());
    assertEquals(review.get("apiVersion").textValue(), answer.get("apiVersion").textValue());
    assertEquals(review.get("request").get("uid").textValue(), answer.get("response").get("uid").textValue());
    return answer.get("response");
  }

  private static JsonNode validate(JsonNode review) throws Exception {
    return validate("/validate", review);
  }

  static ObjectNode podCreate(String uid, String namespace, String... images) {
    return Reviews.podReview(uid, "CREATE", namespace, Reviews.pod(podSpec(images)), null);
  }

  private static void assertError(HttpResponse<String> response, int status, String fragment) throws IOException {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonNode body = JSON.readTree(response.body());
    assertTrue(body.get("error").textValue().contains(fragment), response.body());
  }

  @Test
  void deniesWithOnePartPerFailingImageJoinedBySemicolons() throws Exception {
    ObjectNode spec = podSpec(UNSIGNED, SIGNED);
    spec.putArray("initContainers").addObject().put("name", "init").put("image", UNTRUSTED);
    spec.withArray("ephemeralContainers").addObject().put("name", "again").put("image", UNSIGNED);
    JsonNode response = validate(Reviews.podReview("deny-1", "CREATE", "team-a", Reviews.pod(spec), null));
    assertFalse(response.get("allowed").booleanValue());
    assertEquals(403, response.get("status").get("code").intValue());
    assertEquals("Forbidden", response.get("status").get("reason").textValue());
    assertEquals(UNSIGNED + " (" + DIGEST + "): NoSignature: no signature for this digest (policy demo-signed); "
        + UNTRUSTED + " (" + DIGEST + "): UntrustedKey: no signature by a trusted key (policy demo-signed)",
        response.get("status").get("message").textValue());
    assertEquals(List.of(UNSIGNED, SIGNED, UNTRUSTED), EVALUATOR.calls.get(EVALUATOR.calls.size() - 1));
  }

  @Test
  void allowsVerifiedImagesWithoutWarningsOrStatus() throws Exception {
    JsonNode response = validate(podCreate("allow-1", "team-a", SIGNED));
    assertTrue(response.get("allowed").booleanValue());
    assertNull(response.get("warnings"));
    assertNull(response.get("status"));
    assertNull(response.get("auditAnnotations"));
  }

  @Test
  void auditPolicyFailureAdmitsWithTruncatedWarningAndFullAnnotation() throws Exception {
    JsonNode response = validate(podCreate("audit-1", "team-a", AUDITED, SIGNED));
    assertTrue(response.get("allowed").booleanValue());
    assertEquals(1, response.get("warnings").size());
    String warning = response.get("warnings").get(0).textValue();
    String part = AUDITED + " (" + DIGEST + "): UntrustedKey: " + LONG_TEXT + " (policy try-out)";
    assertEquals(256, warning.length());
    assertEquals(part.substring(0, 255) + "…", warning);
    assertEquals(part, response.get("auditAnnotations").get("signet.dev/violations").textValue());
  }

  @Test
  void serverAuditModeTurnsDenialsIntoWarnings() throws Exception {
    JsonNode response = validate("/validate-audit", podCreate("audit-2", "team-a", UNSIGNED, AUDITED));
    assertTrue(response.get("allowed").booleanValue());
    assertNull(response.get("status"));
    assertEquals(2, response.get("warnings").size());
    assertTrue(response.get("warnings").get(0).textValue().startsWith(UNSIGNED + " (" + DIGEST + "): NoSignature"));
    String annotation = response.get("auditAnnotations").get("signet.dev/violations").textValue();
    assertTrue(annotation.contains("NoSignature") && annotation.contains("; " + AUDITED), annotation);
  }

  @Test
  void echoesV1beta1ApiVersion() throws Exception {
    ObjectNode review = podCreate("beta-1", "team-a", UNSIGNED).put("apiVersion", "admission.k8s.io/v1beta1");
    JsonNode response = validate(review);
    assertFalse(response.get("allowed").booleanValue());
  }

  @Test
  void dryRunIsEvaluatedNormally() throws Exception {
    HttpResponse<String> raw = post("/validate",
        BodyPublishers.ofByteArray(Reviews.resource("/admission/fixtures/pod-dryrun-unsigned.json")));
    JsonNode response = JSON.readTree(raw.body()).get("response");
    assertFalse(response.get("allowed").booleanValue());
    assertTrue(response.get("status").get("message").textValue().contains("v2.0-unsigned"));
  }

  @Test
  void ephemeralContainerFixtureIsDeniedForTheDebugImage() throws Exception {
    JsonNode review = Reviews.resourceJson("/admission/fixtures/pod-ephemeral-untrusted.json");
    JsonNode response = validate(review);
    assertFalse(response.get("allowed").booleanValue());
    String message = response.get("status").get("message").textValue();
    assertTrue(message.contains("v3.0-untrusted") && message.contains("UntrustedKey"), message);
  }

  @Test
  void scaleDownWithUnchangedUnsignedImageIsAllowedWithoutEvaluation() throws Exception {
    int before = EVALUATOR.calls.size();
    JsonNode response = validate(
        Reviews.resourceJson("/admission/fixtures/deployment-scale-down-unchanged-images.json"));
    assertTrue(response.get("allowed").booleanValue());
    assertEquals(before, EVALUATOR.calls.size());
  }

  @Test
  void deleteIsAllowedWithoutEvaluation() throws Exception {
    int before = EVALUATOR.calls.size();
    JsonNode response = validate(Reviews.podReview("del-1", "DELETE", "team-a", null,
        Reviews.pod(podSpec(UNSIGNED))));
    assertTrue(response.get("allowed").booleanValue());
    assertEquals(before, EVALUATOR.calls.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"kube-system", "kube-public", "kube-node-lease", "signet-system"})
  void excludedNamespacesAreAllowedWithoutEvaluation(String namespace) throws Exception {
    int before = EVALUATOR.calls.size();
    JsonNode response = validate(podCreate("excl-" + namespace, namespace, UNSIGNED, "not a reference!"));
    assertTrue(response.get("allowed").booleanValue());
    assertEquals(before, EVALUATOR.calls.size());
  }

  @Test
  void exceededDeadlineDeniesEveryImageWithBackendError() throws Exception {
    JsonNode response = validate(podCreate("slow-1", "team-a", SLOW, SIGNED));
    assertFalse(response.get("allowed").booleanValue());
    assertEquals(SLOW + " (unresolved): BackendError: admission deadline of 1s exceeded; "
        + SIGNED + " (unresolved): BackendError: admission deadline of 1s exceeded",
        response.get("status").get("message").textValue());
    assertTrue(EVALUATOR.slowInterrupted.await(10, TimeUnit.SECONDS), "the late evaluation was cancelled");
  }

  @Test
  void failingEvaluatorDeniesWithBackendErrorNeverAdmits() throws Exception {
    JsonNode response = validate(podCreate("broken-1", "team-a", BROKEN));
    assertFalse(response.get("allowed").booleanValue());
    assertEquals(BROKEN + " (unresolved): BackendError: evaluation failed: policy index corrupted",
        response.get("status").get("message").textValue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"malformed-not-json", "malformed-no-request"})
  void malformedFixturesGet400Json(String name) throws Exception {
    HttpResponse<String> response = post("/validate",
        BodyPublishers.ofByteArray(Reviews.resource("/admission/fixtures/" + name + ".json")));
    assertEquals(400, response.statusCode());
    assertTrue(JSON.readTree(response.body()).get("error").isTextual());
  }

  @Test
  void reviewWithoutUidGets400Json() throws Exception {
    ObjectNode review = podCreate("x", "team-a", SIGNED);
    ((ObjectNode) review.get("request")).remove("uid");
    assertError(post("/validate", BodyPublishers.ofByteArray(Reviews.bytes(review))), 400, "request.uid");
  }

  @Test
  void reviewOfWrongKindGets400Json() throws Exception {
    ObjectNode review = podCreate("x", "team-a", SIGNED).put("kind", "TokenReview");
    assertError(post("/validate", BodyPublishers.ofByteArray(Reviews.bytes(review))), 400, "AdmissionReview");
  }

  @Test
  void emptyBodyGets400Json() throws Exception {
    assertError(post("/validate", BodyPublishers.noBody()), 400, "empty body");
  }

  /** A valid review padded with an annotation so that its JSON is exactly {@code size} bytes. */
  private static byte[] paddedReview(String uid, int size) {
    ObjectNode review = podCreate(uid, "team-a", SIGNED);
    ObjectNode annotations = ((ObjectNode) review.get("request").get("object").get("metadata"))
        .putObject("annotations");
    annotations.put("pad", "");
    int base = Reviews.bytes(review).length;
    annotations.put("pad", "p".repeat(size - base));
    byte[] bytes = Reviews.bytes(review);
    assertEquals(size, bytes.length);
    return bytes;
  }

  @Test
  void acceptsReviewsUpTo3MiB() throws Exception {
    byte[] body = paddedReview("big-ok", (int) AdmissionServer.MAX_REQUEST_BYTES);
    HttpResponse<String> response = post("/validate", BodyPublishers.ofByteArray(body));
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(JSON.readTree(response.body()).get("response").get("allowed").booleanValue());
  }

  @Test
  void bodyOver3MiBGets400JsonByContentLength() throws Exception {
    byte[] body = paddedReview("big-1", (int) AdmissionServer.MAX_REQUEST_BYTES + 1);
    assertError(post("/validate", BodyPublishers.ofByteArray(body)), 400, "exceeds the limit");
  }

  @Test
  void chunkedBodyOver3MiBGets400Json() throws Exception {
    byte[] body = paddedReview("big-2", (int) AdmissionServer.MAX_REQUEST_BYTES + 4096);
    HttpResponse<String> response = post("/validate",
        BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    assertError(response, 400, "exceeds the limit");
  }

  @Test
  void healthzIsAlwaysOkAndReadyzFollowsTheReadinessCheck() throws Exception {
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/healthz")).build(), BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
    assertEquals("ok", JSON.readTree(health.body()).get("status").textValue());
    READY.set(false);
    assertEquals(503, http.send(HttpRequest.newBuilder(uri("/readyz")).build(), BodyHandlers.ofString())
        .statusCode());
    READY.set(true);
    HttpResponse<String> ready = http.send(HttpRequest.newBuilder(uri("/readyz")).build(), BodyHandlers.ofString());
    assertEquals(200, ready.statusCode());
    assertEquals("ready", JSON.readTree(ready.body()).get("status").textValue());
  }

  @Test
  void throwingReviewHandlerStillAnswersWithADenialNot5xx() throws Exception {
    JsonNode response = validate("/validate-throws", podCreate("throws-1", "team-a", SIGNED));
    assertFalse(response.get("allowed").booleanValue());
    assertTrue(response.get("status").get("message").textValue().contains("BackendError"));
  }

  @Test
  void readinessCheckThatThrowsMeansNotReady() throws Exception {
    try (AdmissionServer other = new AdmissionServer(new AdmissionServer.Options("127.0.0.1", 0, null), Map.of(),
        () -> {
          throw new IllegalStateException("informer not synced");
        }).start()) {
      HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + other.port() + "/readyz")).build(), BodyHandlers.ofString());
      assertEquals(503, ready.statusCode());
    }
  }

  @Test
  void unknownPathGets404Json() throws Exception {
    assertError(http.send(HttpRequest.newBuilder(uri("/nope")).build(), BodyHandlers.ofString()), 404, "/nope");
    assertError(post("/mutate", BodyPublishers.ofString("{}")), 404, "/mutate");
  }

  @Test
  void wrongMethodGets405Json() throws Exception {
    assertError(http.send(HttpRequest.newBuilder(uri("/validate")).build(), BodyHandlers.ofString()), 405,
        "not allowed");
    assertError(post("/healthz", BodyPublishers.ofString("{}")), 405, "not allowed");
  }
}
