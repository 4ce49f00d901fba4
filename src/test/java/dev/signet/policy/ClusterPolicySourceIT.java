package dev.signet.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.emulator.DemoSeed;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cluster policy source, status writer and leader election against kubernetes-server-mock (CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class ClusterPolicySourceIT {
  static KubernetesClient client;

  private ClusterPolicySource source;
  private PolicyStatusWriter writer;

  @BeforeEach
  void installCrd() throws Exception {
    CustomResourceDefinition crd = new KubernetesSerialization().unmarshal(CrdCopiesTest.generated(),
        CustomResourceDefinition.class);
    client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(c -> c.update());
  }

  @AfterEach
  void stop() {
    if (writer != null) {
      writer.close();
    }
    if (source != null) {
      source.close();
    }
    policies().delete();
    client.namespaces().delete();
  }

  static NonNamespaceOperation<ClusterImageSignaturePolicy, KubernetesResourceList<ClusterImageSignaturePolicy>,
      Resource<ClusterImageSignaturePolicy>> policies() {
    return client.resources(ClusterImageSignaturePolicy.class);
  }

  private ClusterPolicySource started() {
    source = new ClusterPolicySource(client).start();
    await("source ready", () -> source.ready());
    return source;
  }

  static void await(String what, Supplier<Boolean> condition) {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within 5 s: " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private Optional<CompiledPolicy> compiled(String name) {
    return source.policies().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  static ClusterImageSignaturePolicy policy(String name, String... keyNames) {
    ClusterImageSignaturePolicy p = DemoPolicy.policy();
    p.getMetadata().setName(name);
    p.getSpec().setTrustedKeys(java.util.Arrays.stream(keyNames)
        .map(k -> new TrustedKeySpec(DemoSeed.keyId(k), List.of(), null)).toList());
    return p;
  }

  @Test
  void policyAddUpdateAndDeleteReachTheSnapshotAndCompileOncePerGeneration() {
    started();
    assertTrue(source.policies().isEmpty());
    policies().resource(policy("p1", "release")).create();
    await("p1 added", () -> compiled("p1").isPresent());
    CompiledPolicy first = compiled("p1").orElseThrow();
    assertTrue(first.valid(), first.problems()::toString);
    assertEquals(List.of(DemoSeed.keyId("release")), first.trust().keys().stream().map(k -> k.kmsKeyId()).toList());

    ClusterImageSignaturePolicy current = policies().withName("p1").get();
    current.getSpec().setTrustedKeys(List.of(new TrustedKeySpec(DemoSeed.keyId("untrusted"), List.of(), null)));
    policies().resource(current).update();
    await("p1 updated", () -> compiled("p1").map(c -> c.trust().keys().get(0).kmsKeyId())
        .filter(DemoSeed.keyId("untrusted")::equals).isPresent());
    assertTrue(compiled("p1").orElseThrow().generation() > first.generation(), "generation bumped");

    policies().withName("p1").delete();
    await("p1 deleted", () -> compiled("p1").isEmpty());
  }

  @Test
  void unreadablePolicyIsInvalidWithItsFieldPathAndDoesNotStopTheInformer() {
    started();
    GenericKubernetesResource bad = PolicyReader.toGeneric(policy("unreadable", "release"));
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = new HashMap<>((Map<String, Object>) bad.getAdditionalProperties().get("spec"));
    spec.put("threshold", "two");
    bad.setAdditionalProperty("spec", spec);
    client.genericKubernetesResources(PolicyReader.CONTEXT).resource(bad).create();
    await("unreadable listed", () -> compiled("unreadable").isPresent());
    CompiledPolicy c = compiled("unreadable").orElseThrow();
    assertFalse(c.valid());
    assertEquals("spec.threshold", c.problems().get(0).field(), c.problems()::toString);
    assertTrue(c.matchesImage(DemoSeed.HOST + "/" + DemoSeed.NAMESPACE + "/" + DemoSeed.REPOSITORY),
        "keeps its readable globs so that it fails closed");

    policies().resource(policy("after", "release")).create();
    await("informer still delivers", () -> compiled("after").isPresent());
  }

  @Test
  void namespaceLabelsFollowChanges() {
    started();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build())
        .create();
    await("namespace seen", () -> source.labels("team-a").isEmpty());
    client.namespaces().withName("team-a").edit(n -> new NamespaceBuilder(n).editMetadata()
        .addToLabels("signet", "enforce").endMetadata().build());
    await("label seen", () -> "enforce".equals(source.labels("team-a").get("signet")));
    assertEquals(Map.of(), source.labels("does-not-exist"));
  }

  @Test
  void leaderWritesStatusWithObservedGenerationAndFieldPaths() {
    started();
    writer = new PolicyStatusWriter(client, source, () -> true, Clock.systemUTC()).start(Duration.ofSeconds(30));
    policies().resource(policy("good", "release", "qa")).create();
    ClusterImageSignaturePolicy invalid = policy("bad", "release");
    invalid.getSpec().setThreshold(3);
    invalid.getSpec().getTrustedKeys().add(new TrustedKeySpec("ocid1.key.oc1.phx.nope", List.of(), null));
    policies().resource(invalid).create();

    await("good status", () -> ready(policies().withName("good").get()).isPresent());
    ClusterImageSignaturePolicy good = policies().withName("good").get();
    assertEquals(good.getMetadata().getGeneration(), good.getStatus().getObservedGeneration());
    assertEquals(2, good.getStatus().getTrustedKeyCount());
    assertEquals("True", ready(good).orElseThrow().getStatus());
    assertEquals("Valid", ready(good).orElseThrow().getReason());

    await("bad status", () -> ready(policies().withName("bad").get()).isPresent());
    Condition c = ready(policies().withName("bad").get()).orElseThrow();
    assertEquals("False", c.getStatus());
    assertEquals("InvalidSpec", c.getReason());
    assertTrue(c.getMessage().contains("spec.trustedKeys[1].kmsKeyId: "), c.getMessage());
    assertTrue(c.getMessage().contains("spec.threshold: "), c.getMessage());
  }

  @Test
  void followerWritesNoStatus() throws Exception {
    started();
    writer = new PolicyStatusWriter(client, source, () -> false, Clock.systemUTC()).start(Duration.ofSeconds(30));
    policies().resource(policy("quiet", "release")).create();
    await("quiet seen", () -> compiled("quiet").isPresent());
    assertEquals(0, writer.syncAll());
    assertEquals(null, policies().withName("quiet").get().getStatus());
  }

  @Test
  void exactlyOneOfTwoReplicasLeadsAndTheOtherTakesOverOnRelease() {
    LeaderElection.Timing fast = new LeaderElection.Timing(Duration.ofSeconds(2), Duration.ofMillis(1500),
        Duration.ofMillis(200));
    try (LeaderElection a = new LeaderElection(client, "signet", "a", fast).start();
        LeaderElection b = new LeaderElection(client, "signet", "b", fast)) {
      await("a leads", a::isLeader);
      b.start();
      await("lease exists", () -> client.leases().inNamespace("signet").withName(LeaderElection.LEASE_NAME).get()
          != null);
      assertFalse(b.isLeader());
      a.close();
      await("b takes over", b::isLeader);
    }
  }

  @Test
  void notReadyWhileTheApiServerCannotBeListed() {
    io.fabric8.kubernetes.client.Config unreachable = new io.fabric8.kubernetes.client.ConfigBuilder()
        .withMasterUrl("http://127.0.0.1:1").withRequestRetryBackoffLimit(0).build();
    try (KubernetesClient down = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(unreachable)
        .build(); ClusterPolicySource blind = new ClusterPolicySource(down).start()) {
      long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
      while (System.nanoTime() < end) {
        assertFalse(blind.ready(), "ready without a first list");
        assertTrue(blind.policies().isEmpty());
        pause();
      }
    }
    assertTrue(started().ready(), "the same source type is ready once it has listed");
  }

  @Test
  void generatedCrdRoundTripsTheExamplePolicy() throws Exception {
    assertNotNull(client.apiextensions().v1().customResourceDefinitions()
        .withName("clusterimagesignaturepolicies.signet.dev").get());
    List<ClusterImageSignaturePolicy> fromFile = PolicyYaml.read(Path.of("examples/policies/demo-signed.yaml"));
    ClusterImageSignaturePolicy created = policies().resource(fromFile.get(0)).create();
    ClusterImageSignaturePolicy read = policies().withName(created.getMetadata().getName()).get();
    assertEquals(fromFile.get(0).getSpec(), read.getSpec());
    assertEquals(PolicyCompiler.compile(DemoPolicy.policy()).trust(), PolicyCompiler.compile(read).trust());
    assertTrue(Files.exists(Path.of("examples/policies/demo-signed.yaml")));
  }

  private static Optional<Condition> ready(ClusterImageSignaturePolicy p) {
    if (p == null || p.getStatus() == null) {
      return Optional.empty();
    }
    return p.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
  }
}
