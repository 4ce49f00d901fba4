package dev.signet.audit;

import static dev.signet.audit.TestCluster.pod;
import static dev.signet.audit.TestCluster.pullable;
import static dev.signet.audit.TestCluster.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.admission.AdmissionSettings;
import dev.signet.admission.NoMatchAction;
import dev.signet.emulator.DemoSeed;
import dev.signet.emulator.EmulatorFault;
import dev.signet.policy.ClusterImageSignaturePolicy;
import dev.signet.policy.StaticPolicySource;
import dev.signet.verify.ReasonCode;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The auditor against kubernetes-server-mock (CRUD) seeded with pods and workloads, verifying on the emulator. */
@EnableKubernetesMockClient(crud = true)
class ClusterAuditorIT {
  static KubernetesClient client;
  static TestCluster oci;
  static ExecutorService pool;

  @BeforeAll
  static void seed() {
    oci = TestCluster.start();
    pool = Executors.newFixedThreadPool(8);
    TestCluster.namespace(client, "team-a");
    // Runs v1.0 by tag, and the runtime reports the v1.0 digest.
    client.pods().resource(pod("team-a", "signed", spec(DemoSeed.image("v1.0")), pullable("v1.0"))).create();
    // Written as v1.0, but the node runs the unsigned v2.0 digest (the tag moved after the pull).
    client.pods().resource(pod("team-a", "moved-tag", spec(DemoSeed.image("v1.0")), DemoSeed.digest("v2.0-unsigned")))
        .create();
    // Not started yet: no container status, so the spec tag is resolved.
    client.pods().resource(pod("team-a", "pending", spec(DemoSeed.image("v3.0-untrusted")))).create();
    client.pods().resource(pod("team-b", "nginx", spec("docker.io/library/nginx:1.27"),
        "docker.io/library/nginx@sha256:" + "ab".repeat(32))).create();
    client.pods().resource(new io.fabric8.kubernetes.api.model.PodBuilder(pod("team-b", "finished-job",
        spec(DemoSeed.image("v2.0-unsigned")))).editOrNewStatus().withPhase("Succeeded").endStatus().build())
        .create();
    client.pods().resource(pod("kube-system", "dns", spec(DemoSeed.image("v2.0-unsigned")))).create();
    client.apps().deployments().resource(new DeploymentBuilder().withNewMetadata().withNamespace("team-a")
        .withName("revoked").withUid("uid-revoked").endMetadata().withNewSpec().withNewTemplate()
        .withSpec(spec(DemoSeed.image("v5.0-revoked"))).endTemplate().endSpec().build()).create();
    client.batch().v1().cronjobs().resource(new CronJobBuilder().withNewMetadata().withNamespace("team-b")
        .withName("nightly").endMetadata().withNewSpec().withSchedule("@daily").withNewJobTemplate().withNewSpec()
        .withNewTemplate().withSpec(spec(DemoSeed.image("v7.0-two-keys"))).endTemplate().endSpec()
        .endJobTemplate().endSpec().build()).create();
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
    oci.close();
  }

  private static List<AuditRow> audit(String policyFile, NoMatchAction noMatch, AuditScope scope) {
    List<ClusterImageSignaturePolicy> policies = new ArrayList<>();
    for (String f : policyFile.split(",")) {
      policies.addAll(TestCluster.policies(f));
    }
    ClusterAuditor auditor = new ClusterAuditor(client, StaticPolicySource.of(policies), oci.verification()::verify,
        new AuditSettings(AdmissionSettings.excludedNamespaces(null, "signet"), noMatch, Duration.ofSeconds(30)),
        pool, new SimpleMeterRegistry());
    return auditor.audit(scope, n -> {});
  }

  private static String line(AuditRow r) {
    return String.join(" ", r.namespace(), r.object(), r.container(), String.valueOf(r.digest()),
        String.valueOf(r.policy()), r.result().label(), String.valueOf(r.reason()));
  }

  @Test
  void checksTheDigestThatRunsAndSkipsExcludedNamespacesAndFinishedPods() {
    List<AuditRow> rows = audit("demo-signed.yaml", NoMatchAction.ALLOW, AuditScope.allPods());
    assertEquals(List.of(
        "team-a Pod/moved-tag c0 " + DemoSeed.digest("v2.0-unsigned") + " demo-signed fail NoSignature",
        "team-a Pod/pending c0 " + DemoSeed.digest("v3.0-untrusted") + " demo-signed fail UntrustedKey",
        "team-a Pod/signed c0 " + DemoSeed.digest("v1.0") + " demo-signed pass null",
        "team-b Pod/nginx c0 sha256:" + "ab".repeat(32) + " null skip null"),
        rows.stream().map(ClusterAuditorIT::line).toList());
    AuditRow moved = rows.get(0);
    assertEquals(DemoSeed.image("v1.0"), moved.image(), "the IMAGE column shows the spec as written");
    assertEquals(client.pods().inNamespace("team-a").withName("moved-tag").get().getMetadata().getUid(), moved.uid());
  }

  @Test
  void workloadsAddPodTemplatesOfEveryKind() {
    List<AuditRow> rows = audit("demo-signed.yaml", NoMatchAction.ALLOW, new AuditScope(null, true));
    List<String> lines = rows.stream().map(ClusterAuditorIT::line).toList();
    assertTrue(lines.contains("team-a Deployment/revoked c0 " + DemoSeed.digest("v5.0-revoked")
        + " demo-signed fail SignatureRevoked"), lines.toString());
    assertTrue(lines.contains("team-b CronJob/nightly c0 " + DemoSeed.digest("v7.0-two-keys")
        + " demo-signed pass null"), lines.toString());
    assertEquals(6, rows.size());
  }

  @Test
  void auditPolicyFailuresAreWarningsNextToEnforceFailures() {
    List<AuditRow> rows = audit("demo-signed.yaml,demo-signed-audit.yaml", NoMatchAction.ALLOW,
        new AuditScope("team-a", false));
    List<String> pending = rows.stream().filter(r -> r.name().equals("pending"))
        .map(r -> r.policy() + " " + r.result().label() + " " + r.reason()).toList();
    assertEquals(List.of("demo-signed fail UntrustedKey", "demo-signed-audit warn UntrustedKey"), pending);
    assertEquals(6, rows.size());
  }

  @Test
  void noMatchActionDenyMakesUnmatchedImagesViolations() {
    List<AuditRow> rows = audit("demo-signed.yaml", NoMatchAction.DENY, new AuditScope("team-b", false));
    assertEquals(1, rows.size());
    assertEquals(AuditResult.FAIL, rows.get(0).result());
    assertEquals(ReasonCode.NoMatchingPolicy, rows.get(0).reason());
    assertEquals(3, new AuditReport(rows, 1).exitCode(true));
    assertEquals(0, new AuditReport(rows, 1).exitCode(false));
  }

  @Test
  void backendFailureIsAnErrorRowAndExitTwo() {
    oci.emulator.addFault(new EmulatorFault("ListContainerImageSignatures", 500, 0, -1));
    try {
      List<AuditRow> rows = audit("demo-signed.yaml", NoMatchAction.ALLOW, new AuditScope("team-a", false));
      assertTrue(rows.stream().allMatch(r -> r.result() == AuditResult.ERROR), rows.toString());
      assertEquals(ReasonCode.BackendError, rows.get(0).reason());
      assertEquals(2, new AuditReport(rows, 3).exitCode(true));
    } finally {
      oci.emulator.clearFaults();
    }
  }

  @Test
  void namespaceLabelsReachNamespaceSelectors() {
    client.namespaces().withName("team-a").edit(n -> {
      n.getMetadata().setLabels(Map.of("signet.dev/audit", "off"));
      return n;
    });
    try {
      List<ClusterImageSignaturePolicy> policies = TestCluster.policies("demo-signed.yaml");
      policies.get(0).getSpec().setNamespaceSelector(new io.fabric8.kubernetes.api.model.LabelSelectorBuilder()
          .addToMatchLabels("signet.dev/audit", "on").build());
      ClusterAuditor auditor = new ClusterAuditor(client, StaticPolicySource.of(policies),
          oci.verification()::verify, new AuditSettings(java.util.Set.of(), NoMatchAction.ALLOW,
              Duration.ofSeconds(30)), pool, new SimpleMeterRegistry());
      List<AuditRow> rows = auditor.audit(new AuditScope("team-a", false), n -> {});
      assertTrue(rows.stream().allMatch(r -> r.result() == AuditResult.SKIP), rows.toString());
    } finally {
      client.namespaces().withName("team-a").edit(n -> {
        n.getMetadata().setLabels(Map.of());
        return n;
      });
    }
  }
}
