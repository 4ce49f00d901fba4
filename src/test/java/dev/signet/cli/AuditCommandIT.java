package dev.signet.cli;

import static dev.signet.audit.TestCluster.pod;
import static dev.signet.audit.TestCluster.pullable;
import static dev.signet.audit.TestCluster.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.audit.TestCluster;
import dev.signet.emulator.DemoSeed;
import dev.signet.emulator.EmulatorFault;
import dev.signet.policy.ClusterImageSignaturePolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code signet audit} end to end: kubeconfig to kubernetes-server-mock, real OCI SDK clients to the emulator. */
@EnableKubernetesMockClient(crud = true, https = false)
class AuditCommandIT {
  static KubernetesMockServer server;
  static KubernetesClient client;
  static TestCluster oci;
  static Path kubeconfig;

  @BeforeAll
  static void seed() throws Exception {
    oci = TestCluster.start();
    kubeconfig = Files.createTempFile("signet-audit", ".kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "%s"}}]
        users: [{name: tester, user: {token: not-a-secret}}]
        contexts: [{name: mock, context: {cluster: mock, user: tester, namespace: default}}]
        current-context: mock
        """.formatted(client.getConfiguration().getMasterUrl()));
    server.expectCustomResource(CustomResourceDefinitionContext.fromCustomResourceType(
        ClusterImageSignaturePolicy.class));
    for (ClusterImageSignaturePolicy p : TestCluster.policies("demo-signed.yaml")) {
      client.resources(ClusterImageSignaturePolicy.class).resource(p).create();
    }
    client.pods().resource(pod("clean", "web", spec(DemoSeed.image("v1.0")), pullable("v1.0"))).create();
    client.pods().resource(pod("team-a", "web", spec(DemoSeed.image("v1.0"), DemoSeed.image("v2.0-unsigned")),
        pullable("v1.0"), null)).create();
    client.pods().resource(pod("team-a", "moved", spec(DemoSeed.image("v1.0")), pullable("v6.0-tampered")))
        .create();
  }

  @AfterAll
  static void stop() {
    oci.close();
  }

  private record Run(int exit, String out, String err) {}

  private static Run audit(String... extra) {
    return auditWith(kubeconfig, extra);
  }

  private static Run auditWith(Path config, String... extra) {
    List<String> args = new ArrayList<>(List.of("audit", "--kubeconfig", config.toString(),
        "--oci-config", oci.ociConfig.toString(), "--artifacts-endpoint", oci.emulator.baseUrl(),
        "--crypto-endpoint", oci.emulator.baseUrl()));
    args.addAll(List.of(extra));
    return run(args);
  }

  private static Run run(List<String> args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int exit = Main.commandLine().setOut(new java.io.PrintWriter(System.out, true))
          .setErr(new java.io.PrintWriter(System.err, true)).execute(args.toArray(String[]::new));
      return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void printsTheTableWithClusterPoliciesAndExitsThreeOnlyWhenAskedTo() {
    Run run = audit("-n", "team-a");
    assertEquals(0, run.exit, run.err);
    String[] lines = run.out.split("\n");
    assertEquals(List.of("NAMESPACE", "OBJECT", "CONTAINER", "IMAGE", "DIGEST", "POLICY", "RESULT", "REASON"),
        List.of(lines[0].split(" +")));
    assertEquals(List.of("team-a", "Pod/moved", "c0", DemoSeed.image("v1.0"), DemoSeed.digest("v6.0-tampered"),
        "demo-signed", "fail", "InvalidSignature"), List.of(lines[1].split(" +")));
    assertEquals(List.of("team-a", "Pod/web", "c0", DemoSeed.image("v1.0"), DemoSeed.digest("v1.0"),
        "demo-signed", "pass", "-"), List.of(lines[2].split(" +")));
    assertEquals(List.of("team-a", "Pod/web", "c1", DemoSeed.image("v2.0-unsigned"),
        DemoSeed.digest("v2.0-unsigned"), "demo-signed", "fail", "NoSignature"), List.of(lines[3].split(" +")));
    assertEquals(lines[0].indexOf("RESULT"), lines[1].indexOf("fail"), "columns are aligned");
    assertEquals("2 objects: 1 pass, 2 fail, 0 warn, 0 error, 0 skip", lines[5]);
    assertEquals(3, audit("-n", "team-a", "--fail-on-violation").exit);
    assertEquals(0, audit("-n", "clean", "--fail-on-violation").exit);
  }

  @Test
  void auditModePolicyFailuresAreNotViolations() {
    Run run = audit("-A", "--policy-file", TestCluster.resource("demo-signed-audit.yaml").toString(),
        "--fail-on-violation");
    assertEquals(0, run.exit, run.err);
    assertTrue(run.out.contains("3 objects: 2 pass, 0 fail, 2 warn, 0 error, 0 skip"), run.out);
  }

  @Test
  void jsonOutputParsesWithOneResultPerContainerAndPolicy() throws Exception {
    Run run = audit("--output", "json", "--policy-file", TestCluster.resource("demo-signed.yaml").toString());
    assertEquals(0, run.exit, run.err);
    JsonNode json = new ObjectMapper().readTree(run.out);
    assertEquals(3, json.get("objects").asInt());
    assertEquals(2, json.get("summary").get("pass").asInt());
    assertEquals(2, json.get("summary").get("fail").asInt());
    JsonNode first = json.get("results").get(0);
    assertEquals("clean", first.get("namespace").asText());
    assertEquals("Pod", first.get("kind").asText());
    assertEquals(DemoSeed.digest("v1.0"), first.get("digest").asText());
    assertEquals("pass", first.get("result").asText());
    assertTrue(first.get("reason").isNull());
    assertEquals(4, json.get("results").size());
  }

  @Test
  void backendErrorExitsTwo() {
    oci.emulator.addFault(new EmulatorFault("ListContainerImageSignatures", 500, 0, -1));
    try {
      Run run = audit("-n", "clean");
      assertEquals(2, run.exit, run.out + run.err);
      assertTrue(run.out.lines().anyMatch(l -> l.matches("clean +Pod/web .* error +BackendError")), run.out);
    } finally {
      oci.emulator.clearFaults();
    }
  }

  @Test
  void badUsageExits64() {
    assertEquals(64, audit("--output", "yaml").exit);
    assertEquals(64, audit("-n", "team-a", "-A").exit);
    assertEquals(64, audit("--policy-file", "/nonexistent/policies.yaml").exit);
    assertEquals(64, audit("--no-match-action", "maybe").exit);
  }

  private static Path unreachable() throws Exception {
    Path bad = Files.createTempFile("signet-audit-bad", ".kubeconfig");
    Files.writeString(bad, Files.readString(kubeconfig).replace(client.getConfiguration().getMasterUrl(),
        "http://127.0.0.1:1/"));
    return bad;
  }

  @Test
  void unreachableClusterExitsTwoNamingTheServerAndTheCause() throws Exception {
    Run run = auditWith(unreachable(), "--policy-file", TestCluster.resource("demo-signed.yaml").toString());
    assertEquals(2, run.exit);
    assertTrue(run.err.contains("signet: cannot list namespaces from the API server http://127.0.0.1:1/: "
        + "connection refused"), run.err);
    assertFalse(run.err.contains("Operation: ["), run.err);
  }

  @Test
  void missingClusterIsReportedBeforeAMissingOciConfig() throws Exception {
    Run run = run(List.of("audit", "--kubeconfig", unreachable().toString(), "--oci-config",
        "/nonexistent/oci/config"));
    assertEquals(2, run.exit, run.err);
    assertTrue(run.err.contains("http://127.0.0.1:1/: connection refused"), run.err);
    assertFalse(run.err.contains("/nonexistent/oci/config"), run.err);
  }

  @Test
  void missingOrBrokenKubeconfigIsBadUsageNamingTheFile() throws Exception {
    Run missing = auditWith(Path.of("/nonexistent/kubeconfig"));
    assertEquals(64, missing.exit);
    assertTrue(missing.err.contains("--kubeconfig /nonexistent/kubeconfig does not exist"), missing.err);
    Path broken = Files.createTempFile("signet-audit-broken", ".kubeconfig");
    Files.writeString(broken, "apiVersion: v1\nkind: Config\nclusters: [{name: x, cluster: {server: s}\n"
        + "  bad: : :\n");
    Run yaml = auditWith(broken);
    assertEquals(64, yaml.exit);
    assertTrue(yaml.err.contains("--kubeconfig " + broken + " is not a valid kubeconfig: not YAML: expected ',' or "
        + "'}', but got <scalar> at line 4, column 3"), yaml.err);
    assertFalse(yaml.err.contains("in reader"), yaml.err);
    Files.writeString(broken, "- a\n- b\n");
    Run list = auditWith(broken);
    assertEquals(64, list.exit);
    assertTrue(list.err.contains("is not a valid kubeconfig: not a kubeconfig document"), list.err);
    Files.writeString(broken, "apiVersion: v1\nkind: Config\n");
    Run noContext = auditWith(broken);
    assertEquals(64, noContext.exit);
    assertTrue(noContext.err.contains("--kubeconfig " + broken + " has no usable current-context"), noContext.err);
  }

  @Test
  void withoutAnyKubeconfigTheErrorSaysNoneWasFound() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("KUBECONFIG") == null
        && System.getenv("KUBERNETES_SERVICE_HOST") == null);
    String home = System.getProperty("user.home");
    Path empty = Files.createTempDirectory("signet-audit-home");
    System.setProperty("user.home", empty.toString());
    try {
      Run run = run(List.of("audit", "--oci-config", "/nonexistent/oci/config"));
      assertEquals(2, run.exit, run.err);
      assertTrue(run.err.contains("cannot list namespaces from the API server https://kubernetes.default.svc"),
          run.err);
      assertTrue(run.err.contains("; no kubeconfig found at " + empty.resolve(".kube").resolve("config")
          + " (give --kubeconfig, set KUBECONFIG, or run inside the cluster)"), run.err);
    } finally {
      System.setProperty("user.home", home);
    }
  }
}
