package dev.signet.cli;

import static dev.signet.audit.TestCluster.pod;
import static dev.signet.audit.TestCluster.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.audit.PolicyReportWriter;
import dev.signet.audit.TestCluster;
import dev.signet.emulator.DemoSeed;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code serve} with {@code --background-audit-interval}: once given a client, it writes PolicyReports and Events. */
@EnableKubernetesMockClient(crud = true)
class SignetServerAuditIT {
  static KubernetesClient client;

  private static <T> T await(Supplier<T> probe) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      Thread.sleep(50);
    }
    return null;
  }

  @Test
  void serveWritesPolicyReportsOnTheLeaderAndEventsForAuditFailures() throws Exception {
    client.apiextensions().v1().customResourceDefinitions()
        .load(SignetServerAuditIT.class.getResourceAsStream("/audit/policyreport-crd.yaml")).create();
    client.pods().resource(pod("team-a", "batch", spec(DemoSeed.image("v2.0-unsigned")))).create();
    ServeCommand cmd = new ServeCommand();
    new CommandLine(cmd).parseArgs("--demo", "--plain-http", "--port", "0", "--metrics-port", "-1",
        "--policy-file", TestCluster.resource("demo-signed-audit.yaml").toString(),
        "--background-audit-interval", "1s");
    try (SignetServer server = SignetServer.start(cmd, new PrintStream(new ByteArrayOutputStream()))) {
      server.startAuditing(client, () -> true);
      GenericKubernetesResource report = await(() -> client.genericKubernetesResources(
          PolicyReportWriter.POLICY_REPORTS).inNamespace("team-a").withName("signet").get());
      assertNotNull(report, "a PolicyReport appears within 10 s");
      assertEquals(1, ((java.util.Map<?, ?>) report.getAdditionalProperties().get("summary")).get("warn"));

      String review = """
          {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {
            "uid": "u-1", "kind": {"group": "", "version": "v1", "kind": "Pod"},
            "resource": {"group": "", "version": "v1", "resource": "pods"}, "operation": "CREATE",
            "namespace": "team-b", "name": "web",
            "object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "team-b"},
              "spec": {"containers": [{"name": "app", "image": "%s"}]}}}}
          """.formatted(DemoSeed.image("v3.0-untrusted"));
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.webhookPort() + "/validate"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(review)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertTrue(response.body().contains("\"allowed\":true") && response.body().contains("UntrustedKey"),
          response.body());
      List<Event> events = await(() -> {
        List<Event> list = client.v1().events().inAnyNamespace().list().getItems();
        return list.isEmpty() ? null : list;
      });
      assertNotNull(events, "an Event appears within 10 s");
      assertEquals("demo-signed-audit", events.get(0).getInvolvedObject().getName());
      assertTrue(events.get(0).getMessage().contains("Pod team-b/web"), events.get(0).getMessage());
    }
  }
}
