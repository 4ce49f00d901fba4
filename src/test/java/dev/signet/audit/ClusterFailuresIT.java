package dev.signet.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@code signet audit} says when the cluster cannot be read: the API server URL and the cause in words. */
class ClusterFailuresIT {
  private KubernetesMockServer server;

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(false);
    server.init();
  }

  @AfterEach
  void stop() {
    server.destroy();
  }

  private static KubernetesClient clientAt(String url) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(url)
        .withRequestRetryBackoffLimit(0).build()).build();
  }

  private static String failure(KubernetesClient client) {
    try (client) {
      return assertThrows(AuditException.class, () -> ClusterAuditor.checkReachable(client, null)).getMessage();
    }
  }

  @Test
  void connectionRefusedNamesTheServerAndSaysSoWithoutFabric8Internals() {
    String message = failure(clientAt("http://127.0.0.1:1/"));
    assertTrue(message.startsWith("cannot list namespaces from the API server http://127.0.0.1:1/: connection "
        + "refused"), message);
    assertFalse(message.contains("Operation: ["), message);
  }

  @Test
  void unknownHostNamesTheHost() {
    String message = failure(clientAt("https://no-such-host.invalid:6443/"));
    assertTrue(message.contains("https://no-such-host.invalid:6443/: unknown host 'no-such-host.invalid'"), message);
  }

  @Test
  void unauthorizedSaysTheCredentialsWereRejected() {
    server.expect().get().withPath("/api/v1/namespaces").andReturn(401, new StatusBuilder().withCode(401)
        .withMessage("Unauthorized").build()).always();
    String message = failure(server.createClient());
    assertTrue(message.contains(": HTTP 401 Unauthorized: the API server rejected the credentials"), message);
    assertFalse(message.contains("Operation: ["), message);
  }

  @Test
  void forbiddenNamesTheMissingVerbAndResource() {
    String said = "pods is forbidden: User \"system:serviceaccount:ci:auditor\" cannot list resource \"pods\" in "
        + "API group \"\" at the cluster scope";
    server.expect().get().withPath("/api/v1/namespaces").andReturn(200, "{\"kind\":\"NamespaceList\","
        + "\"apiVersion\":\"v1\",\"items\":[]}").always();
    server.expect().get().withPath("/api/v1/pods?limit=500").andReturn(403, new StatusBuilder().withCode(403)
        .withReason("Forbidden").withMessage(said).build()).always();
    try (KubernetesClient client = server.createClient()) {
      ClusterAuditor.checkReachable(client, null);
      AuditException e = assertThrows(AuditException.class, () -> ClusterAuditor.read(client, "pods",
          () -> ClusterObjects.list(client.pods(), null)));
      assertEquals("cannot list pods from the API server " + client.getConfiguration().getMasterUrl()
          + ": HTTP 403 Forbidden: the user may not list pods; grant the RBAC verb 'list' on pods (the API server "
          + "says: " + said + ")", e.getMessage());
    }
  }

  @Test
  void missingCrdSuggestsInstallingItOrAPolicyFile() {
    server.expect().get().withPath("/apis/signet.dev/v1alpha1/clusterimagesignaturepolicies").andReturn(404,
        new StatusBuilder().withCode(404).withMessage("the server could not find the requested resource").build())
        .always();
    try (KubernetesClient client = server.createClient()) {
      AuditException e = assertThrows(AuditException.class, () -> ClusterPolicies.load(client));
      assertTrue(e.getMessage().startsWith("cannot list clusterimagesignaturepolicies.signet.dev from the API "
          + "server " + client.getConfiguration().getMasterUrl() + ": HTTP 404 Not Found"), e.getMessage());
      assertTrue(e.getMessage().endsWith("(is the ClusterImageSignaturePolicy CRD installed? or give --policy-file)"),
          e.getMessage());
    }
  }
}
