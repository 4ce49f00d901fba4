package dev.signet.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.admission.AdmissionHandler;
import dev.signet.admission.AdmissionOutcome;
import dev.signet.admission.AdmissionRequestParser;
import dev.signet.admission.AdmissionSettings;
import dev.signet.admission.Decision;
import dev.signet.admission.NoMatchAction;
import dev.signet.admission.PolicyEvaluator;
import dev.signet.admission.ServerMode;
import dev.signet.emulator.DemoSeed;
import dev.signet.policy.ClusterImageSignaturePolicy;
import dev.signet.policy.StaticPolicySource;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two admission-time audit modes (per-policy {@code mode: Audit} and {@code serve --mode audit}) with the real
 * verifier on the emulator, and the Events recorded for Audit failures (none for dry runs).
 */
@EnableKubernetesMockClient(crud = true)
class AuditAdmissionIT {
  static KubernetesMockServer server;
  static KubernetesClient client;
  static TestCluster oci;
  static ExecutorService pool;
  static final String UNSIGNED = DemoSeed.image("v2.0-unsigned");
  static final String UNTRUSTED = DemoSeed.image("v3.0-untrusted");

  @BeforeAll
  static void start() {
    oci = TestCluster.start();
    pool = Executors.newFixedThreadPool(8);
    server.expectCustomResource(CustomResourceDefinitionContext.fromCustomResourceType(
        ClusterImageSignaturePolicy.class));
    for (ClusterImageSignaturePolicy p : TestCluster.policies("demo-signed-audit.yaml")) {
      client.resources(ClusterImageSignaturePolicy.class).resource(p).create();
    }
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
    oci.close();
  }

  @BeforeEach
  void noEvents() {
    client.v1().events().inNamespace("signet").delete();
  }

  private static AdmissionHandler handler(String policyFile, ServerMode mode) {
    PolicyEvaluator evaluator = new PolicyEvaluator(StaticPolicySource.of(TestCluster.policies(policyFile)),
        oci.verification()::verify, ns -> Map.of(), NoMatchAction.ALLOW, pool, new SimpleMeterRegistry());
    return new AdmissionHandler(evaluator, new AdmissionSettings(AdmissionSettings.excludedNamespaces(null,
        "signet"), mode, Duration.ofSeconds(8)));
  }

  private static dev.signet.admission.AdmissionRequest pod(String uid, String image, boolean dryRun)
      throws Exception {
    String review = """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {
          "uid": "%s", "kind": {"group": "", "version": "v1", "kind": "Pod"},
          "resource": {"group": "", "version": "v1", "resource": "pods"}, "operation": "CREATE",
          "namespace": "team-a", "name": "web", "dryRun": %s,
          "object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "team-a"},
            "spec": {"containers": [{"name": "app", "image": "%s"}]}}}}
        """.formatted(uid, dryRun, image);
    return new AdmissionRequestParser().parse(review.getBytes(StandardCharsets.UTF_8));
  }

  private static List<Event> events() {
    return client.v1().events().inNamespace("signet").list().getItems();
  }

  @Test
  void auditPolicyAdmitsWithAWarningNamingTheImageAndReason() throws Exception {
    try (AdmissionHandler h = handler("demo-signed-audit.yaml", ServerMode.ENFORCE)) {
      AdmissionOutcome outcome = h.handle(pod("u-1", UNSIGNED, false));
      assertEquals(Decision.WARN, outcome.decision());
      JsonNode response = outcome.review().get("response");
      assertTrue(response.get("allowed").booleanValue());
      String warning = response.get("warnings").get(0).textValue();
      assertTrue(warning.startsWith(UNSIGNED + " (" + DemoSeed.digest("v2.0-unsigned") + "): NoSignature: "),
          warning);
      assertTrue(warning.endsWith("(policy demo-signed-audit)"), warning);
      assertTrue(response.get("auditAnnotations").get("signet.dev/violations").textValue().contains("NoSignature"));
    }
  }

  @Test
  void serverAuditModeAdmitsWhatTheEnforcePolicyWouldDeny() throws Exception {
    try (AdmissionHandler enforce = handler("demo-signed.yaml", ServerMode.ENFORCE);
        AdmissionHandler audit = handler("demo-signed.yaml", ServerMode.AUDIT)) {
      assertEquals(Decision.DENY, enforce.handle(pod("u-2", UNTRUSTED, false)).decision());
      AdmissionOutcome outcome = audit.handle(pod("u-3", UNTRUSTED, false));
      assertEquals(Decision.WARN, outcome.decision());
      JsonNode response = outcome.review().get("response");
      assertTrue(response.get("allowed").booleanValue());
      assertTrue(response.get("warnings").get(0).textValue().startsWith(UNTRUSTED + " ("
          + DemoSeed.digest("v3.0-untrusted") + "): UntrustedKey: "), response.toString());
    }
  }

  @Test
  void recordsAnEventOnTheAuditPolicyAndAggregatesRepeats() throws Exception {
    try (AdmissionHandler h = handler("demo-signed-audit.yaml", ServerMode.ENFORCE);
        AuditEventRecorder recorder = new AuditEventRecorder(h, ServerMode.ENFORCE, "signet", 10,
            Clock.systemUTC())) {
      recorder.attach(client);
      assertEquals(Decision.WARN, recorder.handle(pod("u-4", UNSIGNED, false)).decision());
      recorder.handle(pod("u-5", UNSIGNED, false));
      assertTrue(recorder.flush(Duration.ofSeconds(10)));
      List<Event> events = events();
      assertEquals(1, events.size(), events.toString());
      Event e = events.get(0);
      assertEquals("Warning", e.getType());
      assertEquals("ImageSignatureViolation", e.getReason());
      assertEquals(2, e.getCount());
      assertEquals("ClusterImageSignaturePolicy", e.getInvolvedObject().getKind());
      assertEquals("signet.dev/v1alpha1", e.getInvolvedObject().getApiVersion());
      assertEquals("demo-signed-audit", e.getInvolvedObject().getName());
      assertEquals(client.resources(ClusterImageSignaturePolicy.class).withName("demo-signed-audit").get()
          .getMetadata().getUid(), e.getInvolvedObject().getUid());
      assertTrue(e.getMessage().startsWith("Audit: Pod team-a/web (CREATE) would be denied: " + UNSIGNED + " ("
          + DemoSeed.digest("v2.0-unsigned") + "): NoSignature: "), e.getMessage());
    }
  }

  @Test
  void dryRunsAndEnforceFailuresRecordNothing() throws Exception {
    try (AdmissionHandler audit = handler("demo-signed-audit.yaml", ServerMode.ENFORCE);
        AuditEventRecorder dry = new AuditEventRecorder(audit, ServerMode.ENFORCE, "signet", 10, Clock.systemUTC());
        AdmissionHandler enforce = handler("demo-signed.yaml", ServerMode.ENFORCE);
        AuditEventRecorder denied = new AuditEventRecorder(enforce, ServerMode.ENFORCE, "signet", 10,
            Clock.systemUTC())) {
      dry.attach(client);
      denied.attach(client);
      assertEquals(Decision.WARN, dry.handle(pod("u-6", UNTRUSTED, true)).decision());
      assertEquals(Decision.DENY, denied.handle(pod("u-7", UNTRUSTED, false)).decision());
      assertTrue(dry.flush(Duration.ofSeconds(10)) && denied.flush(Duration.ofSeconds(10)));
      assertEquals(List.of(), events());
    }
  }

  @Test
  void serverAuditModeRecordsEnforcePolicyFailures() throws Exception {
    try (AdmissionHandler h = handler("demo-signed.yaml", ServerMode.AUDIT);
        AuditEventRecorder recorder = new AuditEventRecorder(h, ServerMode.AUDIT, "signet", 10, Clock.systemUTC())) {
      recorder.attach(client);
      recorder.handle(pod("u-8", UNTRUSTED, false));
      assertTrue(recorder.flush(Duration.ofSeconds(10)));
      List<Event> events = events();
      assertEquals(1, events.size());
      assertEquals("demo-signed", events.get(0).getInvolvedObject().getName());
      assertFalse(events.get(0).getMessage().isEmpty());
    }
  }

  @Test
  void eventNamespaceIsSignetsOwnOrDefault() {
    assertEquals("signet-system", AuditEventRecorder.eventNamespace("signet-system"));
    assertEquals("default", AuditEventRecorder.eventNamespace(null));
    assertEquals("default", AuditEventRecorder.eventNamespace(" "));
  }
}
