package dev.signet.admission;

import static dev.signet.admission.Reviews.JSON;
import static dev.signet.admission.Reviews.podSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.signet.admission.AdmissionRequest.GroupVersionKind;
import dev.signet.admission.AdmissionRequest.GroupVersionResource;
import dev.signet.admission.AdmissionRequest.Operation;
import dev.signet.admission.PodSpecExtractor.Images;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AdmissionRequestParserTest {
  private final AdmissionRequestParser parser = new AdmissionRequestParser();

  private static ObjectNode podCreate() {
    return Reviews.podReview("uid-1", "CREATE", "team-a", Reviews.pod(podSpec("reg.example/a:1")), null);
  }

  private static ObjectNode request(ObjectNode review) {
    return (ObjectNode) review.get("request");
  }

  private AdmissionRequest parse(JsonNode review) throws MalformedReviewException {
    return parser.parse(Reviews.bytes(review));
  }

  @Test
  void readsEveryFieldOfARealCronJobReview() throws Exception {
    AdmissionRequest r = parser.parse(Reviews.resource("/admission/fixtures/cronjob-unsigned-init.json"));
    assertEquals("57a67f48-24b8-8b8d-6a24-6ec7f49190da", r.uid());
    assertEquals("admission.k8s.io/v1", r.apiVersion());
    assertEquals(new GroupVersionKind("batch", "v1", "CronJob"), r.kind());
    assertEquals(new GroupVersionResource("batch", "v1", "cronjobs"), r.resource());
    assertEquals("", r.subResource());
    assertEquals(Operation.CREATE, r.operation());
    assertEquals("team-a", r.namespace());
    assertEquals("web", r.name());
    assertFalse(r.dryRun());
    assertEquals("CronJob", r.object().get("kind").textValue());
    assertNull(r.oldObject());
  }

  @Test
  void readsDryRunAndSubresource() throws Exception {
    assertTrue(parser.parse(Reviews.resource("/admission/fixtures/pod-dryrun-unsigned.json")).dryRun());
    AdmissionRequest eph = parser.parse(Reviews.resource("/admission/fixtures/pod-ephemeral-untrusted.json"));
    assertEquals("ephemeralcontainers", eph.subResource());
    assertEquals(Operation.UPDATE, eph.operation());
    assertEquals("Pod", eph.oldObject().get("kind").textValue());
  }

  static Stream<Arguments> emptyOldObjects() {
    return Stream.of(Arguments.of("absent", null), Arguments.of("null", JSON.nullNode()),
        Arguments.of("{}", JSON.createObjectNode()), Arguments.of("\"\"", TextNode.valueOf("")),
        Arguments.of("\"None\"", TextNode.valueOf("None")));
  }

  @ParameterizedTest(name = "oldObject {0}")
  @MethodSource("emptyOldObjects")
  void toleratesEveryFormOfNoOldObjectOnCreate(String label, JsonNode oldObject) throws Exception {
    ObjectNode review = podCreate();
    if (oldObject == null) {
      request(review).remove("oldObject");
    } else {
      request(review).set("oldObject", oldObject);
    }
    assertNull(parse(review).oldObject());
  }

  @Test
  void toleratesNullOptionsAndAbsentRequestKindAndDryRun() throws Exception {
    ObjectNode review = podCreate();
    request(review).putNull("options");
    request(review).remove("requestKind");
    request(review).remove("dryRun");
    AdmissionRequest r = parse(review);
    assertEquals("Pod", r.kind().kind());
    assertFalse(r.dryRun());
  }

  @Test
  void objectWithoutApiVersionAndKindTakesThemFromTheRequest() throws Exception {
    ObjectNode object = Reviews.workload("apps/v1", "Deployment", podSpec("reg.example/a:1"));
    object.remove("apiVersion");
    object.remove("kind");
    AdmissionRequest r = parse(Reviews.review("u", "CREATE", "team-a", "apps", "v1", "Deployment", "deployments",
        object, null));
    assertEquals(new GroupVersionKind("apps", "v1", "Deployment"), r.kind());
    Images images = assertInstanceOf(Images.class, new PodSpecExtractor().extract(r));
    assertEquals(List.of("reg.example/a:1"), images.imagesToCheck());
  }

  @Test
  void requestWithoutKindTakesTheObjectsApiVersionAndKind() throws Exception {
    ObjectNode review = Reviews.review("u", "CREATE", "team-a", "apps", "v1", "Deployment", "deployments",
        Reviews.workload("apps/v1", "Deployment", podSpec("reg.example/a:1")), null);
    request(review).remove("kind");
    assertEquals(new GroupVersionKind("apps", "v1", "Deployment"), parse(review).kind());
  }

  @Test
  void objectWithOnlyGenerateNameTakesNamespaceAndNameFromTheRequest() throws Exception {
    ObjectNode pod = Reviews.pod(podSpec("reg.example/a:1"));
    pod.set("metadata", JSON.createObjectNode().put("generateName", "web-"));
    ObjectNode review = Reviews.podReview("u", "CREATE", "team-a", pod, null);
    request(review).remove("name");
    AdmissionRequest r = parse(review);
    assertEquals("team-a", r.namespace());
    assertEquals("web-", r.name());
  }

  @Test
  void requestNamespaceIsAuthoritativeOverTheObjects() throws Exception {
    ObjectNode pod = Reviews.pod(podSpec("reg.example/a:1"));
    ((ObjectNode) pod.get("metadata")).put("namespace", "kube-system");
    assertEquals("team-a", parse(Reviews.podReview("u", "CREATE", "team-a", pod, null)).namespace());
  }

  @Test
  void clusterScopedRequestHasEmptyNamespace() throws Exception {
    ObjectNode review = podCreate();
    request(review).remove("namespace");
    ((ObjectNode) request(review).get("object").get("metadata")).remove("namespace");
    assertEquals("", parse(review).namespace());
  }

  @Test
  void acceptsV1beta1AndKeepsItsApiVersion() throws Exception {
    ObjectNode review = podCreate().put("apiVersion", "admission.k8s.io/v1beta1");
    assertEquals("admission.k8s.io/v1beta1", parse(review).apiVersion());
  }

  @Test
  void deleteNeedsNoObject() throws Exception {
    ObjectNode review = Reviews.podReview("u", "DELETE", "team-a", null, Reviews.pod(podSpec("reg.example/a:1")));
    AdmissionRequest r = parse(review);
    assertEquals(Operation.DELETE, r.operation());
    assertNull(r.object());
    assertEquals("Pod", r.oldObject().get("kind").textValue());
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        bad("missing kind", r -> r.remove("kind"), "kind must be AdmissionReview"),
        bad("wrong kind", r -> r.put("kind", "Pod"), "kind must be AdmissionReview"),
        bad("missing apiVersion", r -> r.remove("apiVersion"), "apiVersion must be"),
        bad("wrong apiVersion", r -> r.put("apiVersion", "admission.k8s.io/v2"), "apiVersion must be"),
        bad("no request", r -> r.remove("request"), "request is missing"),
        bad("request null", r -> r.putNull("request"), "request is missing"),
        bad("request string", r -> r.put("request", "x"), "request is missing"),
        bad("no uid", r -> request(r).remove("uid"), "request.uid"),
        bad("empty uid", r -> request(r).put("uid", ""), "request.uid"),
        bad("numeric uid", r -> request(r).put("uid", 42), "request.uid"),
        bad("no operation", r -> request(r).remove("operation"), "request.operation is missing"),
        bad("unknown operation", r -> request(r).put("operation", "PATCH"),
            "request.operation must be one of CREATE, UPDATE, DELETE, CONNECT, got PATCH"),
        bad("numeric operation", r -> request(r).put("operation", 5),
            "request.operation must be one of CREATE, UPDATE, DELETE, CONNECT, got 5"),
        bad("list operation", r -> request(r).putArray("operation").add("CREATE"),
            "request.operation must be one of CREATE, UPDATE, DELETE, CONNECT, got [\"CREATE\"]"),
        bad("CREATE without object", r -> request(r).remove("object"), "request.object"),
        bad("CREATE with null object", r -> request(r).putNull("object"), "request.object"),
        bad("CREATE with object None", r -> request(r).put("object", "None"), "request.object"),
        bad("UPDATE without object", r -> request(r).put("operation", "UPDATE").remove("object"), "request.object"),
        bad("no kind anywhere", r -> {
          request(r).remove("kind");
          ((ObjectNode) request(r).get("object")).remove("kind");
        }, "request.kind is missing"));
  }

  private static Arguments bad(String label, Consumer<ObjectNode> breakIt, String expected) {
    return Arguments.of(label, breakIt, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejectsMalformedReviewsWithAClearMessage(String label, Consumer<ObjectNode> breakIt, String expected) {
    ObjectNode review = podCreate();
    breakIt.accept(review);
    MalformedReviewException e = assertThrows(MalformedReviewException.class, () -> parse(review));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"malformed-not-json", "malformed-no-request"})
  void rejectsTheMalformedFixtures(String name) {
    assertThrows(MalformedReviewException.class,
        () -> parser.parse(Reviews.resource("/admission/fixtures/" + name + ".json")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "[]", "\"AdmissionReview\"", "null", "{\"kind\":\"AdmissionReview\"} trailing",
      "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"kind\":\"AdmissionReview\"}",
      "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\""})
  void rejectsBodiesThatAreNotASingleJsonObject(String body) {
    assertThrows(MalformedReviewException.class, () -> parser.parse(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void rejectsANullBody() {
    MalformedReviewException e = assertThrows(MalformedReviewException.class, () -> parser.parse(null));
    assertEquals("empty body", e.getMessage());
  }

  static Stream<Arguments> invalidJson() {
    return Stream.of(
        Arguments.of("{\"kind\": ", "Unexpected end-of-input within/between Object entries at line 1, column 10"),
        Arguments.of("{\n  \"kind\": \"AdmissionReview\",\n  \"request\": {\"uid\": \"u\"  ",
            "Unexpected end-of-input: expected close marker for Object at line 3, column 27"),
        Arguments.of("{\"a\": tru}", "Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or "
            + "token 'null', 'true' or 'false') at line 1, column 7"));
  }

  @ParameterizedTest
  @MethodSource("invalidJson")
  void invalidJsonSaysWhatAndWhereWithoutJacksonInternals(String body, String expected) {
    MalformedReviewException e = assertThrows(MalformedReviewException.class,
        () -> parser.parse(body.getBytes(StandardCharsets.UTF_8)));
    assertEquals("body is not valid JSON: " + expected, e.getMessage());
    assertFalse(e.getMessage().contains("Source"), e.getMessage());
    assertFalse(e.getMessage().contains("StreamReadFeature"), e.getMessage());
  }
}
