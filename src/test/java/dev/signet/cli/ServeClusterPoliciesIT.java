package dev.signet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.emulator.DemoSeed;
import dev.signet.emulator.EmulatorSeed;
import dev.signet.emulator.OciEmulator;
import dev.signet.policy.ClusterImageSignaturePolicy;
import dev.signet.policy.DemoPolicy;
import dev.signet.policy.TrustedKeySpec;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code serve} without {@code --policy-file}: policies and namespaces from kubernetes-server-mock (CRUD mode),
 * the real verification pipeline against the OCI emulator, reviews over HTTP on {@code /validate}.
 */
@EnableKubernetesMockClient(crud = true)
class ServeClusterPoliciesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KubernetesSerialization K8S = new KubernetesSerialization();
  private static final String[] PROPERTIES = {"kubernetes.master", "kubernetes.auth.tryKubeConfig",
      "kubernetes.auth.tryServiceAccount", "kubernetes.namespace", "kubernetes.trust.certificates"};
  private static final Map<String, String> SAVED = new HashMap<>();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  static KubernetesClient client;

  private static OciEmulator emulator;
  private static SignetServer server;

  @BeforeAll
  static void start() throws Exception {
    CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
        .load(Path.of("deploy/01-crd.yaml").toFile()).item();
    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    emulator = OciEmulator.start(EmulatorSeed.demo(), "127.0.0.1", 0);
    Path config = emulator.writeOciConfig(Files.createTempDirectory("signet-it-oci"));
    for (String p : PROPERTIES) {
      SAVED.put(p, System.getProperty(p));
    }
    System.setProperty("kubernetes.master", client.getMasterUrl().toString());
    System.setProperty("kubernetes.auth.tryKubeConfig", "false");
    System.setProperty("kubernetes.auth.tryServiceAccount", "false");
    System.setProperty("kubernetes.namespace", "signet");
    System.setProperty("kubernetes.trust.certificates", "true");
    ServeCommand cmd = new ServeCommand();
    new CommandLine(cmd).parseArgs("--plain-http", "--bind", "127.0.0.1", "--port", "0", "--metrics-port", "-1",
        "--oci-config", config.toString(), "--region", DemoSeed.REGION,
        "--artifacts-endpoint", emulator.baseUrl(), "--crypto-endpoint", emulator.baseUrl());
    server = SignetServer.start(cmd, new PrintStream(OutputStream.nullOutputStream()));
    await("/readyz is 200 once the informers synced", () -> get("/readyz") == 200);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (emulator != null) {
      emulator.close();
    }
    SAVED.forEach((k, v) -> {
      if (v == null) {
        System.clearProperty(k);
      } else {
        System.setProperty(k, v);
      }
    });
  }

  @AfterEach
  void deletePolicies() {
    client.resources(ClusterImageSignaturePolicy.class).delete();
    await("no policy applies any more", () -> allowed(review("v2.0-unsigned", "team-a")));
  }

  @Test
  void policyCreatedAfterStartIsEnforcedAndDeletingItStopsEnforcement() {
    assertTrue(allowed(review("v2.0-unsigned", "team-a")), "no policy yet: noMatchAction allow");
    create(policy("enforce-release", "release"));
    await("unsigned image denied", () -> !allowed(review("v2.0-unsigned", "team-a")));
    assertTrue(message(review("v2.0-unsigned", "team-a")).contains("NoSignature"));
    assertTrue(allowed(review("v1.0", "team-a")));
    client.resources(ClusterImageSignaturePolicy.class).withName("enforce-release").delete();
    await("deleted policy no longer enforced", () -> allowed(review("v2.0-unsigned", "team-a")));
  }

  @Test
  void editingTrustedKeysFlipsACachedVerifiedVerdict() {
    ClusterImageSignaturePolicy flip = policy("flip", "release");
    flip.getSpec().setSigningAlgorithms(List.of("SHA_256_RSA_PKCS_PSS")); // a trust set no other test caches
    create(flip);
    assertTrue(allowed(review("v1.0", "team-a")));
    long verifies = verifyCalls();
    assertTrue(verifies > 0, "the signature was verified by the emulator's Vault: " + emulator.stats());
    assertTrue(allowed(review("v1.0", "team-a")));
    assertEquals(verifies, verifyCalls(), "second admission is answered from the verdict cache");

    ClusterImageSignaturePolicy current = client.resources(ClusterImageSignaturePolicy.class).withName("flip").get();
    current.getSpec().setTrustedKeys(List.of(new TrustedKeySpec(DemoSeed.keyId("untrusted"), List.of(), null)));
    client.resources(ClusterImageSignaturePolicy.class).resource(current).update();
    await("cached verified verdict not reused under the new trust set",
        () -> !allowed(review("v1.0", "team-a")));
    assertTrue(message(review("v1.0", "team-a")).contains("UntrustedKey"), message(review("v1.0", "team-a")));
  }

  @Test
  void invalidPolicyFailsClosedAndReportsReadyFalseWithTheFieldPath() {
    ClusterImageSignaturePolicy bad = policy("broken", "release");
    bad.getSpec().getTrustedKeys().add(new TrustedKeySpec("ocid1.key.oc1.phx.not-a-key", List.of(), null));
    create(bad);
    await("signed image denied by the invalid policy", () -> !allowed(review("v1.0", "team-a")));
    String message = message(review("v1.0", "team-a"));
    assertTrue(message.contains("PolicyInvalid") && message.contains("broken")
        && message.contains("spec.trustedKeys[1].kmsKeyId"), message);

    await("Ready=False written", () -> ready("broken").isPresent());
    Condition c = ready("broken").orElseThrow();
    assertEquals("False", c.getStatus());
    assertEquals("InvalidSpec", c.getReason());
    assertTrue(c.getMessage().startsWith("spec.trustedKeys[1].kmsKeyId: "), c.getMessage());
  }

  @Test
  void validPolicyGetsReadyTrueAndObservedGenerationFollowsEdits() {
    create(policy("observed", "release"));
    await("Ready=True written", () -> ready("observed").filter(c -> c.getStatus().equals("True")).isPresent());
    ClusterImageSignaturePolicy p = client.resources(ClusterImageSignaturePolicy.class).withName("observed").get();
    assertEquals(p.getMetadata().getGeneration(), p.getStatus().getObservedGeneration());
    assertEquals(1, p.getStatus().getTrustedKeyCount());

    p.getSpec().setTrustedKeys(List.of(new TrustedKeySpec(DemoSeed.keyId("release"), List.of(), null),
        new TrustedKeySpec(DemoSeed.keyId("qa"), List.of(), null)));
    p.setStatus(null);
    // kubernetes-server-mock does not always bump metadata.generation on a spec change (a real API server does):
    // the status must follow the spec and the generation the server reports, whatever it is.
    long generation = client.resources(ClusterImageSignaturePolicy.class).resource(p).update().getMetadata()
        .getGeneration();
    try {
      await("observedGeneration follows", () -> {
        ClusterImageSignaturePolicy now = client.resources(ClusterImageSignaturePolicy.class).withName("observed").get();
        return now.getStatus() != null && now.getStatus().getObservedGeneration() == generation
            && now.getStatus().getTrustedKeyCount() == 2;
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ": " + client.resources(ClusterImageSignaturePolicy.class)
          .withName("observed").get() + " expected generation " + generation, e);
    }
  }

  @Test
  void namespaceSelectorFollowsNamespaceLabelChanges() {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-b").endMetadata().build())
        .create();
    ClusterImageSignaturePolicy p = policy("selected", "release");
    p.getSpec().setNamespaceSelector(new LabelSelectorBuilder().addToMatchLabels("signet", "enforce").build());
    create(p);
    assertTrue(allowed(review("v2.0-unsigned", "team-b")), "namespace not selected yet");
    client.namespaces().withName("team-b").edit(n -> new NamespaceBuilder(n).editMetadata()
        .addToLabels("signet", "enforce").endMetadata().build());
    await("labelled namespace selected", () -> !allowed(review("v2.0-unsigned", "team-b")));
    assertTrue(allowed(review("v2.0-unsigned", "team-a")), "other namespaces stay unselected");
    client.namespaces().withName("team-b").edit(n -> new NamespaceBuilder(n).editMetadata()
        .removeFromLabels("signet").endMetadata().build());
    await("unlabelled namespace no longer selected", () -> allowed(review("v2.0-unsigned", "team-b")));
    client.namespaces().withName("team-b").delete();
  }

  @Test
  void validateRefusesAnInvalidPolicyObjectWithEveryFieldPath() {
    ClusterImageSignaturePolicy bad = policy("refused", "release");
    bad.getSpec().setThreshold(2);
    bad.getSpec().setCompartmentId("ocid1.bucket.oc1..x");
    JsonNode response = post(policyReview("CREATE", bad)).path("response");
    assertFalse(response.path("allowed").asBoolean(true));
    assertEquals(403, response.path("status").path("code").asInt());
    String message = response.path("status").path("message").asText();
    assertTrue(message.contains("\"refused\"") && message.contains("spec.compartmentId: ")
        && message.contains("spec.threshold: "), message);
    assertTrue(post(policyReview("CREATE", policy("fine", "release"))).path("response").path("allowed").asBoolean());
    assertTrue(post(policyReview("DELETE", bad)).path("response").path("allowed").asBoolean());
  }

  private static ClusterImageSignaturePolicy policy(String name, String key) {
    ClusterImageSignaturePolicy p = DemoPolicy.policy();
    p.getMetadata().setName(name);
    p.getSpec().setTrustedKeys(new ArrayList<>(List.of(new TrustedKeySpec(DemoSeed.keyId(key), List.of(), null))));
    return p;
  }

  /** Creates a policy and waits until Signet has compiled it (its status is written from the compiled form). */
  private static void create(ClusterImageSignaturePolicy p) {
    client.resources(ClusterImageSignaturePolicy.class).resource(p).create();
    await("policy " + p.getMetadata().getName() + " loaded", () -> ready(p.getMetadata().getName()).isPresent());
  }

  private static Optional<Condition> ready(String name) {
    ClusterImageSignaturePolicy p = client.resources(ClusterImageSignaturePolicy.class).withName(name).get();
    if (p == null || p.getStatus() == null) {
      return Optional.empty();
    }
    return p.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst();
  }

  private static long verifyCalls() {
    return emulator.stats().entrySet().stream().filter(e -> e.getKey().toLowerCase().contains("verify"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  private static ObjectNode review(String tag, String namespace) {
    try (InputStream in = Files.newInputStream(Path.of("examples/admission/pod-v1.0.json"))) {
      ObjectNode review = (ObjectNode) JSON.readTree(in);
      ObjectNode request = (ObjectNode) review.get("request");
      request.put("namespace", namespace);
      ObjectNode object = (ObjectNode) request.get("object");
      ((ObjectNode) object.get("metadata")).put("namespace", namespace);
      ((ObjectNode) object.path("spec").path("containers").get(0)).put("image", DemoSeed.image(tag));
      return review;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static ObjectNode policyReview(String operation, ClusterImageSignaturePolicy policy) {
    ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request").put("uid", "policy-" + operation).put("operation", operation)
        .put("name", policy.getMetadata().getName());
    request.putObject("kind").put("group", "signet.dev").put("version", "v1alpha1")
        .put("kind", "ClusterImageSignaturePolicy");
    request.putObject("resource").put("group", "signet.dev").put("version", "v1alpha1")
        .put("resource", "clusterimagesignaturepolicies");
    try {
      request.set(operation.equals("DELETE") ? "oldObject" : "object", JSON.readTree(K8S.asJson(policy)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return review;
  }

  private static boolean allowed(ObjectNode review) {
    return post(review).path("response").path("allowed").asBoolean(false);
  }

  private static String message(ObjectNode review) {
    return post(review).path("response").path("status").path("message").asText("");
  }

  private static JsonNode post(ObjectNode review) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(url("/validate"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(review.toString()))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static int get(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.webhookPort() + path);
  }

  private static void await(String what, Supplier<Boolean> condition) {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within 5 s: " + what);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
