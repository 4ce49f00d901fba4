package dev.signet.audit;

import static dev.signet.audit.TestCluster.pod;
import static dev.signet.audit.TestCluster.pullable;
import static dev.signet.audit.TestCluster.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.admission.AdmissionSettings;
import dev.signet.admission.NoMatchAction;
import dev.signet.emulator.DemoSeed;
import dev.signet.policy.ClusterImageSignaturePolicy;
import dev.signet.policy.StaticPolicySource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Background audit writes one PolicyReport per namespace on the leader, against kubernetes-server-mock. */
@EnableKubernetesMockClient(crud = true)
class BackgroundAuditIT {
  static KubernetesClient client;
  static TestCluster oci;
  static ExecutorService pool;
  static final Instant NOW = Instant.parse("2026-11-30T07:00:00Z");
  static final AtomicBoolean leader = new AtomicBoolean(true);
  static BackgroundAudit audit;

  @BeforeAll
  static void seed() {
    oci = TestCluster.start();
    pool = Executors.newFixedThreadPool(8);
    client.apiextensions().v1().customResourceDefinitions()
        .load(BackgroundAuditIT.class.getResourceAsStream("/audit/policyreport-crd.yaml")).create();
    client.pods().resource(pod("team-a", "web-1", spec(DemoSeed.image("v1.0")), pullable("v1.0"))).create();
    client.pods().resource(pod("team-a", "web-2", spec(DemoSeed.image("v1.0")), pullable("v1.0"))).create();
    client.pods().resource(pod("team-a", "batch", spec(DemoSeed.image("v2.0-unsigned")))).create();
    client.pods().resource(pod("team-b", "api", spec(DemoSeed.image("v3.0-untrusted"), "docker.io/library/redis:7")))
        .create();
    List<ClusterImageSignaturePolicy> policies = new ArrayList<>(TestCluster.policies("demo-signed.yaml"));
    policies.addAll(TestCluster.policies("demo-signed-audit.yaml"));
    ClusterAuditor auditor = new ClusterAuditor(client, StaticPolicySource.of(policies), oci.verification()::verify,
        new AuditSettings(AdmissionSettings.excludedNamespaces(null, "signet"), NoMatchAction.ALLOW,
            Duration.ofSeconds(30)), pool, new SimpleMeterRegistry());
    audit = new BackgroundAudit(auditor, new PolicyReportWriter(client, Clock.fixed(NOW, ZoneOffset.UTC)),
        Duration.ofHours(1), leader::get);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
    oci.close();
  }

  private static GenericKubernetesResource report(String namespace) {
    return client.genericKubernetesResources(PolicyReportWriter.POLICY_REPORTS).inNamespace(namespace)
        .withName("signet").get();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> results(GenericKubernetesResource report) {
    return (List<Map<String, Object>>) report.getAdditionalProperties().get("results");
  }

  private static String describe(Map<String, Object> result) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> resources = (List<Map<String, Object>>) result.get("resources");
    return result.get("policy") + " " + result.get("result") + " " + result.get("message") + " "
        + resources.stream().map(r -> r.get("kind") + "/" + r.get("name")).toList();
  }

  @Test
  void writesOneReportPerNamespaceWithOneResultPerImageAndPolicy() {
    leader.set(true);
    assertEquals(2, audit.runOnce());
    GenericKubernetesResource a = report("team-a");
    assertEquals(Map.of("pass", 2, "fail", 1, "warn", 1, "error", 0, "skip", 0),
        a.getAdditionalProperties().get("summary"));
    String v1 = DemoSeed.image("v1.0") + " (" + DemoSeed.digest("v1.0") + "): verified";
    String v2 = DemoSeed.image("v2.0-unsigned") + " (" + DemoSeed.digest("v2.0-unsigned") + "): NoSignature: ";
    List<String> described = results(a).stream().map(BackgroundAuditIT::describe).sorted().toList();
    assertEquals(4, described.size(), described.toString());
    assertTrue(described.get(0).startsWith("demo-signed fail " + v2) && described.get(0).endsWith("[Pod/batch]"),
        described.get(0));
    assertTrue(described.get(1).startsWith("demo-signed pass " + v1) && described.get(1).endsWith(
        "[Pod/web-1, Pod/web-2]"), described.get(1));
    assertTrue(described.get(2).startsWith("demo-signed-audit pass " + v1), described.get(2));
    assertTrue(described.get(3).startsWith("demo-signed-audit warn " + v2), described.get(3));
    Map<String, Object> first = results(a).stream().filter(r -> r.get("result").equals("pass")).findFirst()
        .orElseThrow();
    assertEquals("signet", first.get("source"));
    @SuppressWarnings("unchecked")
    Map<String, Number> timestamp = (Map<String, Number>) first.get("timestamp");
    assertEquals(NOW.getEpochSecond(), timestamp.get("seconds").longValue());
    @SuppressWarnings("unchecked")
    Map<String, Object> web1 = ((List<Map<String, Object>>) first.get("resources")).get(0);
    assertEquals(Map.of("apiVersion", "v1", "kind", "Pod", "name", "web-1", "namespace", "team-a", "uid",
        client.pods().inNamespace("team-a").withName("web-1").get().getMetadata().getUid()), web1);
    GenericKubernetesResource b = report("team-b");
    assertEquals(Map.of("pass", 0, "fail", 1, "warn", 1, "error", 0, "skip", 0),
        b.getAdditionalProperties().get("summary"), "the unmatched redis image is not reported");
  }

  @Test
  void replacesReportsAndDeletesThoseOfNamespacesWithoutResults() {
    leader.set(true);
    audit.runOnce();
    client.pods().inNamespace("team-b").withName("api").delete();
    try {
      assertEquals(1, audit.runOnce());
      assertNull(report("team-b"), "team-b has no pods left, so its report is gone");
      assertEquals(4, results(report("team-a")).size());
    } finally {
      client.pods().resource(pod("team-b", "api", spec(DemoSeed.image("v3.0-untrusted")))).create();
    }
  }

  @Test
  void writesNothingWhenNotTheLeader() {
    leader.set(true);
    audit.runOnce();
    client.genericKubernetesResources(PolicyReportWriter.POLICY_REPORTS).inNamespace("team-a").withName("signet")
        .delete();
    leader.set(false);
    try {
      assertEquals(-1, audit.runOnce());
      assertNull(report("team-a"));
    } finally {
      leader.set(true);
    }
  }

  @Test
  void rejectsAZeroInterval() {
    assertThrows(IllegalArgumentException.class, () -> new BackgroundAudit(null, null, Duration.ZERO, () -> true));
  }
}
