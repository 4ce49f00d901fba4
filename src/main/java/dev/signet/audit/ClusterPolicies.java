package dev.signet.audit;

import dev.signet.policy.ClusterImageSignaturePolicy;
import dev.signet.policy.StaticPolicySource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;

/** Reads the cluster's {@code ClusterImageSignaturePolicy} objects once, for a one-shot audit. */
public final class ClusterPolicies {
  private static final String RESOURCE = "clusterimagesignaturepolicies.signet.dev";

  private ClusterPolicies() {}

  /**
   * @param client the Kubernetes client
   * @return every policy of the cluster, compiled (invalid ones included: they fail closed)
   * @throws AuditException when the policies cannot be listed (message: API server URL and cause in plain words,
   *     see {@link ClusterFailures}), e.g. the CRD is not installed (HTTP 404)
   */
  public static StaticPolicySource load(KubernetesClient client) {
    try {
      List<ClusterImageSignaturePolicy> items = client.resources(ClusterImageSignaturePolicy.class).list()
          .getItems();
      return StaticPolicySource.of(items);
    } catch (KubernetesClientException e) {
      AuditException failure = ClusterFailures.describe(client, RESOURCE, e);
      if (e.getCode() == 404) {
        throw new AuditException(failure.getMessage() + " (is the ClusterImageSignaturePolicy CRD installed? or "
            + "give --policy-file)", e);
      }
      throw failure;
    }
  }
}
