package dev.signet.audit;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.admission.AdmissionOutcome;
import dev.signet.admission.AdmissionRequest;
import dev.signet.admission.AdmissionRequestParser;
import dev.signet.admission.Decision;
import dev.signet.admission.ImageResult;
import dev.signet.admission.PolicyFailure;
import dev.signet.admission.ServerMode;
import dev.signet.policy.PolicyMode;
import dev.signet.verify.ReasonCode;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditEventRecorderTest {
  private static AdmissionRequest request() throws Exception {
    String review = """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"uid": "u",
          "kind": {"group": "", "version": "v1", "kind": "Pod"}, "operation": "CREATE", "namespace": "team-a",
          "object": {"metadata": {"name": "web"}, "spec": {"containers": [{"name": "a", "image": "reg/a:1"}]}}}}
        """;
    return new AdmissionRequestParser().parse(review.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aHangingApiServerNeitherBlocksNorFailsAdmissionAndExtraEventsAreDropped() throws Exception {
    AdmissionRequest request = request();
    ImageResult failed = new ImageResult("reg/a:1", null, List.of("try-out"), List.of(new PolicyFailure("try-out",
        PolicyMode.Audit, ReasonCode.NoSignature, "no signature")), false);
    AdmissionOutcome outcome = new AdmissionOutcome(request, null, Decision.WARN, List.of("reg/a:1"),
        List.of(failed), List.of(ReasonCode.NoSignature), "", Duration.ZERO);
    // Accepts connections and never answers: the event writer hangs on its first request.
    try (ServerSocket silent = new ServerSocket(0);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
            .withMasterUrl("http://127.0.0.1:" + silent.getLocalPort()).withRequestRetryBackoffLimit(0).build())
            .build();
        AuditEventRecorder recorder = new AuditEventRecorder(r -> outcome, ServerMode.ENFORCE, "signet", 1,
            Clock.systemUTC())) {
      recorder.attach(client);
      for (int i = 0; i < 10; i++) {
        assertSame(outcome, recorder.handle(request));
      }
      assertTrue(recorder.dropped() >= 8, "dropped " + recorder.dropped());
    }
  }
}
