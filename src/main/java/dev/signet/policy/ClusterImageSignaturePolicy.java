package dev.signet.policy;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The cluster-scoped policy custom resource {@code signet.dev/v1alpha1 ClusterImageSignaturePolicy}
 * (short name {@code cisp}): which images must carry OCI Vault signatures by which keys (DESIGN §5).
 * This class is the source of the CRD schema (fabric8 crd-generator); it is compiled into an immutable
 * {@link CompiledPolicy} by {@link PolicyCompiler} before it reaches the admission path.
 */
@Group(ClusterImageSignaturePolicy.GROUP)
@Version(ClusterImageSignaturePolicy.VERSION)
@Kind(ClusterImageSignaturePolicy.KIND)
@Plural("clusterimagesignaturepolicies")
@Singular("clusterimagesignaturepolicy")
@ShortNames("cisp")
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".spec.mode", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Threshold", jsonPath = ".spec.threshold", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Keys", jsonPath = ".status.trustedKeyCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ClusterImageSignaturePolicy
    extends CustomResource<ClusterImageSignaturePolicySpec, ClusterImageSignaturePolicyStatus> {
  /** API group. */
  public static final String GROUP = "signet.dev";
  /** API version within the group. */
  public static final String VERSION = "v1alpha1";
  /** {@code apiVersion} as written in documents: {@code signet.dev/v1alpha1}. */
  public static final String API_VERSION = GROUP + "/" + VERSION;
  /** Kind. */
  public static final String KIND = "ClusterImageSignaturePolicy";
}
