package dev.signet.policy;

import dev.signet.emulator.DemoSeed;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;

/**
 * The demo policy {@code demo-signed} of DESIGN §9: Enforce, images {@code phx.ocir.io/demotenancy/**},
 * the demo compartment, trusted key {@code release}, threshold 1. The same policy is written out in
 * {@code examples/policies/demo-signed.yaml}.
 */
public final class DemoPolicy {
  /** The demo policy's {@code metadata.name}. */
  public static final String NAME = "demo-signed";
  /** The demo policy's only image glob. */
  public static final String IMAGES = DemoSeed.HOST + "/" + DemoSeed.NAMESPACE + "/**";

  private DemoPolicy() {}

  /** @return a fresh copy of the demo policy resource (callers may modify it) */
  public static ClusterImageSignaturePolicy policy() {
    ClusterImageSignaturePolicySpec spec = new ClusterImageSignaturePolicySpec();
    spec.setMode(PolicyMode.Enforce.name());
    spec.setImages(List.of(IMAGES));
    spec.setCompartmentId(DemoSeed.COMPARTMENT_ID);
    spec.setTrustedKeys(List.of(new TrustedKeySpec(DemoSeed.keyId("release"), List.of(), null)));
    spec.setThreshold(1);
    ClusterImageSignaturePolicy policy = new ClusterImageSignaturePolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName(NAME).build());
    policy.setSpec(spec);
    return policy;
  }
}
