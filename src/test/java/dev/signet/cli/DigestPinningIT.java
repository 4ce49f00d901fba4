package dev.signet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.emulator.DemoSeed;
import dev.signet.emulator.EmulatorFault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code POST /mutate} of a real {@code serve --demo} (in-process emulator, real OCI SDK clients, HTTP): what is
 * pinned, what is left alone, and that {@code /mutate} and {@code /validate} share one set of caches.
 */
class DigestPinningIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String REPO = DemoSeed.HOST + "/" + DemoSeed.NAMESPACE + "/" + DemoSeed.REPOSITORY;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path dir;
  SignetServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Starts {@code serve --demo} on free ports with the given extra flags. */
  void start(String... extra) {
    List<String> args = new ArrayList<>(List.of("serve", "--demo", "--plain-http", "--port", "0",
        "--metrics-port", "-1", "--emulator-port", "0", "--excluded-namespaces", "kube-system"));
    args.addAll(List.of(extra));
    CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args.toArray(String[]::new));
    ServeCommand cmd = (ServeCommand) parsed.subcommand().commandSpec().userObject();
    server = SignetServer.start(cmd, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  /** Starts the demo with its policy turned to {@code pinDigests: true} through a policy file. */
  void startPinningPolicy(String... extra) throws Exception {
    String yaml = Files.readString(Path.of("examples/policies/demo-signed.yaml")) + "  pinDigests: true\n";
    Path file = Files.writeString(dir.resolve("pinning.yaml"), yaml);
    List<String> args = new ArrayList<>(List.of("--policy-file", file.toString()));
    args.addAll(List.of(extra));
    start(args.toArray(String[]::new));
  }

  static ObjectNode podSpec(String... images) {
    ObjectNode spec = JSON.createObjectNode();
    ArrayNode containers = spec.putArray("containers");
    for (int i = 0; i < images.length; i++) {
      containers.addObject().put("name", "c" + i).put("image", images[i]);
    }
    return spec;
  }

  static ObjectNode object(String apiVersion, String kind, ObjectNode podSpec, boolean template) {
    ObjectNode o = JSON.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
    o.putObject("metadata").put("name", "web").put("namespace", "team-a");
    if (template) {
      o.putObject("spec").putObject("template").set("spec", podSpec);
    } else {
      o.set("spec", podSpec);
    }
    return o;
  }

  static ObjectNode review(String operation, String namespace, String group, String kind, String resource,
      String subResource, JsonNode object, JsonNode oldObject, boolean dryRun) {
    ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request").put("uid", "uid-" + System.nanoTime());
    request.putObject("kind").put("group", group).put("version", "v1").put("kind", kind);
    request.putObject("resource").put("group", group).put("version", "v1").put("resource", resource);
    if (!subResource.isEmpty()) {
      request.put("subResource", subResource);
    }
    request.put("name", "web").put("namespace", namespace).put("operation", operation).put("dryRun", dryRun);
    request.set("object", object);
    request.set("oldObject", oldObject);
    return review;
  }

  static ObjectNode podCreate(String namespace, ObjectNode spec) {
    return review("CREATE", namespace, "", "Pod", "pods", "", object("v1", "Pod", spec, false), null, false);
  }

  JsonNode post(String path, JsonNode body) throws Exception {
    return JSON.readTree(send(path, body).join().body());
  }

  CompletableFuture<HttpResponse<String>> send(String path, JsonNode body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.webhookPort() + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
    return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  /** @return the decoded JSON Patch of a /mutate answer (asserting allowed: true), or null when there is none */
  static JsonNode patchOf(JsonNode answer) throws Exception {
    JsonNode response = answer.get("response");
    assertTrue(response.get("allowed").asBoolean(), answer.toString());
    if (response.get("patch") == null) {
      assertNull(response.get("patchType"));
      return null;
    }
    assertEquals("JSONPatch", response.get("patchType").asText());
    return JSON.readTree(Base64.getDecoder().decode(response.get("patch").asText()));
  }

  static JsonNode replace(String path, String value) {
    return JSON.createObjectNode().put("op", "replace").put("path", path).put("value", value);
  }

  JsonNode stats() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.emulator().baseUrl() + "/_emulator/stats")).build();
    return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test
  void pinsVerifiedTagToItsDigestInEveryContainerUsingIt() throws Exception {
    startPinningPolicy();
    String v1 = REPO + ":v1.0";
    ObjectNode spec = podSpec(v1, v1);
    spec.putArray("initContainers").addObject().put("name", "init").put("image", v1);

    JsonNode patch = patchOf(post("/mutate", podCreate("team-a", spec)));

    String pinned = v1 + "@" + DemoSeed.digest("v1.0");
    assertEquals(JSON.createArrayNode().add(replace("/spec/containers/0/image", pinned))
        .add(replace("/spec/containers/1/image", pinned)).add(replace("/spec/initContainers/0/image", pinned)), patch);
  }

  @Test
  void keepsTheRegistrySpellingAndTagAsWritten() throws Exception {
    startPinningPolicy();
    String longForm = "ocir.us-phoenix-1.oci.oraclecloud.com/" + DemoSeed.NAMESPACE + "/" + DemoSeed.REPOSITORY
        + ":v7.0-two-keys";

    JsonNode patch = patchOf(post("/mutate", podCreate("team-a", podSpec(longForm))));

    assertEquals(JSON.createArrayNode().add(replace("/spec/containers/0/image",
        longForm + "@" + DemoSeed.digest("v7.0-two-keys"))), patch);
  }

  @Test
  void dryRunGetsTheSamePatch() throws Exception {
    startPinningPolicy();
    ObjectNode pod = object("v1", "Pod", podSpec(REPO + ":v1.0"), false);
    JsonNode real = patchOf(post("/mutate", review("CREATE", "team-a", "", "Pod", "pods", "", pod, null, false)));
    JsonNode dry = patchOf(post("/mutate", review("CREATE", "team-a", "", "Pod", "pods", "", pod, null, true)));
    assertEquals(real, dry);
    assertEquals(1, dry.size());
  }

  @Test
  void unsignedImageIsNotPatchedAndValidateDeniesIt() throws Exception {
    startPinningPolicy();
    ObjectNode review = podCreate("team-a", podSpec(REPO + ":v1.0", REPO + ":v2.0-unsigned"));

    JsonNode patch = patchOf(post("/mutate", review));
    JsonNode validated = post("/validate", review);

    assertEquals(JSON.createArrayNode().add(replace("/spec/containers/0/image",
        REPO + ":v1.0@" + DemoSeed.digest("v1.0"))), patch);
    assertFalse(validated.get("response").get("allowed").asBoolean());
    assertTrue(validated.at("/response/status/message").asText().contains("v2.0-unsigned"), validated.toString());
  }

  @Test
  void referencesWithDigestsUnmatchedImagesAndExcludedNamespacesAreLeftAlone() throws Exception {
    startPinningPolicy();
    String tagAndDigest = REPO + ":v1.0@" + DemoSeed.digest("v1.0");
    String byDigest = REPO + "@" + DemoSeed.digest("v1.0");
    assertNull(patchOf(post("/mutate", podCreate("team-a", podSpec(tagAndDigest, byDigest, "nginx:1.27")))));
    assertNull(patchOf(post("/mutate", podCreate("kube-system", podSpec(REPO + ":v1.0")))));
  }

  @Test
  void pinsANewEphemeralContainerOnUpdate() throws Exception {
    startPinningPolicy();
    String pinnedV1 = REPO + ":v1.0@" + DemoSeed.digest("v1.0");
    ObjectNode old = object("v1", "Pod", podSpec(pinnedV1), false);
    ObjectNode updated = old.deepCopy();
    ((ObjectNode) updated.get("spec")).putArray("ephemeralContainers").addObject().put("name", "debug")
        .put("image", REPO + ":v7.0-two-keys");

    JsonNode patch = patchOf(post("/mutate",
        review("UPDATE", "team-a", "", "Pod", "pods", "ephemeralcontainers", updated, old, false)));

    assertEquals(JSON.createArrayNode().add(replace("/spec/ephemeralContainers/0/image",
        REPO + ":v7.0-two-keys@" + DemoSeed.digest("v7.0-two-keys"))), patch);
  }

  @Test
  void nothingIsPatchedWhenNoPolicyPinsDigests() throws Exception {
    start();
    assertNull(patchOf(post("/mutate", podCreate("team-a", podSpec(REPO + ":v1.0")))));
    assertTrue(stats().isEmpty(), "no OCI call is made when nothing could be pinned: " + stats());
  }

  @Test
  void pinDigestsFlagPinsUnderEveryPolicy() throws Exception {
    start("--pin-digests");
    JsonNode patch = patchOf(post("/mutate", podCreate("team-a", podSpec(REPO + ":v1.0"))));
    assertEquals(JSON.createArrayNode().add(replace("/spec/containers/0/image",
        REPO + ":v1.0@" + DemoSeed.digest("v1.0"))), patch);
  }

  @Test
  void workloadTemplatesArePinnedOnlyWithPinWorkloads() throws Exception {
    ObjectNode deployment = object("apps/v1", "Deployment", podSpec(REPO + ":v1.0"), true);
    ObjectNode review = review("CREATE", "team-a", "apps", "Deployment", "deployments", "", deployment, null, false);
    startPinningPolicy();
    assertNull(patchOf(post("/mutate", review)));
    server.close();

    startPinningPolicy("--pin-workloads");
    assertEquals(JSON.createArrayNode().add(replace("/spec/template/spec/containers/0/image",
        REPO + ":v1.0@" + DemoSeed.digest("v1.0"))), patchOf(post("/mutate", review)));
  }

  @Test
  void backendErrorsAllowWithoutAPatch() throws Exception {
    startPinningPolicy();
    server.emulator().addFault(new EmulatorFault("ListContainerImages", 500, 0, -1));
    assertNull(patchOf(post("/mutate", podCreate("team-a", podSpec(REPO + ":v1.0")))));
  }

  @Test
  void concurrentMutateAndValidatePairsForANewImageShareOneLookupListingAndVerify() throws Exception {
    startPinningPolicy();
    ObjectNode review = podCreate("team-a", podSpec(REPO + ":v1.0"));
    List<CompletableFuture<HttpResponse<String>>> mutates = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> validates = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      mutates.add(send("/mutate", review));
      validates.add(send("/validate", review));
    }
    for (int i = 0; i < 100; i++) {
      JsonNode patch = patchOf(JSON.readTree(mutates.get(i).join().body()));
      assertEquals(1, patch.size());
      assertTrue(JSON.readTree(validates.get(i).join().body()).at("/response/allowed").asBoolean());
    }
    JsonNode stats = stats();
    assertEquals(1, stats.path("ListContainerImages").asInt(), stats.toString());
    assertEquals(1, stats.path("ListContainerImageSignatures").asInt(), stats.toString());
    assertEquals(1, stats.path("Verify").asInt(), stats.toString());
  }
}
