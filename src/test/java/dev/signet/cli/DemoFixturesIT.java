package dev.signet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.emulator.DemoSeed;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract fixtures of the demo: every AdmissionReview under {@code admission/fixtures} posted to a real
 * {@code serve --demo --plain-http} (in process, real SDK clients against the in-process emulator) gets exactly
 * the verdict its {@code .expect.json} companion names.
 */
class DemoFixturesIT {
  private static DemoServer demo;

  @BeforeAll
  static void startDemo() {
    demo = DemoServer.start();
  }

  @AfterAll
  static void stopDemo() {
    demo.close();
  }

  static Stream<String> fixtures() throws IOException, URISyntaxException {
    Path dir = Path.of(DemoFixturesIT.class.getResource("/admission/fixtures").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = new ArrayList<>(files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json") && !n.endsWith(".expect.json")).map(n -> n.replace(".json", ""))
          .sorted().toList());
      assertTrue(names.size() >= 28, "fixtures present");
      return names.stream();
    }
  }

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = DemoFixturesIT.class.getResourceAsStream(path)) {
      assertNotNull(in, path);
      return in.readAllBytes();
    }
  }

  /** The shipped examples (repository folder {@code examples/admission}), so they are tested as users see them. */
  private static byte[] example(String name) throws IOException {
    return Files.readAllBytes(Path.of("examples", "admission", name + ".json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void answersEachFixtureAsItsExpectFileSays(String name) throws Exception {
    byte[] body = resource("/admission/fixtures/" + name + ".json");
    JsonNode expect = DemoServer.JSON.readTree(resource("/admission/fixtures/" + name + ".expect.json"));
    DemoServer.Response r = demo.post("/validate", body);
    assertEquals(expect.get("http").asInt(), r.status(), name + ": HTTP status, body " + r.body());
    if (r.status() != 200) {
      assertTrue(r.body().get("error").isTextual(), "400 bodies are {\"error\": ...}: " + r.body());
      return;
    }
    JsonNode review = DemoServer.JSON.readTree(new String(body, StandardCharsets.UTF_8));
    assertEquals("admission.k8s.io/v1", r.body().get("apiVersion").asText());
    assertEquals("AdmissionReview", r.body().get("kind").asText());
    JsonNode response = r.body().get("response");
    assertEquals(review.at("/request/uid").asText(), response.get("uid").asText());
    assertEquals(expect.get("allowed").asBoolean(), response.get("allowed").asBoolean(), name + ": " + response);
    String text = response.path("status").path("message").asText("") + " " + response.path("warnings").toString();
    for (JsonNode needle : expect.path("messageContains")) {
      assertTrue(text.contains(needle.asText()), name + ": '" + needle.asText() + "' missing from " + text);
    }
    if (!response.get("allowed").asBoolean()) {
      assertEquals(403, response.at("/status/code").asInt());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"v1.0", "v7.0-two-keys"})
  void admitsSignedDemoTags(String tag) throws Exception {
    DemoServer.Response r = demo.post("/validate", example("pod-" + tag));
    assertTrue(r.body().at("/response/allowed").asBoolean(), r.body().toString());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"v2.0-unsigned:NoSignature", "v3.0-untrusted:UntrustedKey",
      "v4.0-replayed:MessageMismatch", "v5.0-revoked:SignatureRevoked", "v6.0-tampered:InvalidSignature"})
  void deniesEachBadDemoTagWithItsOwnReason(String tagAndReason) throws Exception {
    String tag = tagAndReason.split(":")[0];
    String reason = tagAndReason.split(":")[1];
    DemoServer.Response r = demo.post("/validate", example("pod-" + tag));
    JsonNode response = r.body().get("response");
    assertEquals(false, response.get("allowed").asBoolean());
    String message = response.at("/status/message").asText();
    assertTrue(message.startsWith(DemoSeed.image(tag) + " (" + DemoSeed.digest(tag) + "): " + reason + ": "), message);
  }

  @Test
  void theDigestWinsOverTheTag() throws Exception {
    DemoServer.Response r = demo.post("/validate", example("pod-v1.0-tag-with-unsigned-digest"));
    JsonNode response = r.body().get("response");
    assertEquals(false, response.get("allowed").asBoolean());
    String message = response.at("/status/message").asText();
    assertTrue(message.contains("(" + DemoSeed.digest("v2.0-unsigned") + "): NoSignature"), message);
  }

  @Test
  void printsAReadyToPasteCurlLine() {
    assertTrue(demo.printed.contains("curl -s http://127.0.0.1:" + demo.server.webhookPort()
        + "/validate -H 'Content-Type: application/json' --data @examples/admission/"), demo.printed);
  }
}
