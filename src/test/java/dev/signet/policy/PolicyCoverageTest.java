package dev.signet.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An edit that makes a cluster policy invalid never shrinks what it enforces. */
class PolicyCoverageTest {

  @Test
  void invalidEditKeepsThePreviousGlobsCovered() {
    CompiledPolicy before = PolicyCompiler.compile(DemoPolicy.policy());
    ClusterImageSignaturePolicy edited = DemoPolicy.policy();
    edited.getSpec().setImages(List.of());
    CompiledPolicy invalid = PolicyCompiler.compile(edited);
    assertFalse(invalid.valid());
    assertFalse(invalid.matchesImage("phx.ocir.io/demotenancy/project01/acme-web-app"), "no valid glob of its own");

    CompiledPolicy kept = ClusterPolicySource.keepCoverage(invalid, before);
    assertFalse(kept.valid(), "still reported invalid");
    assertTrue(kept.matchesImage("phx.ocir.io/demotenancy/project01/acme-web-app"),
        "the images the policy enforced before the edit are denied with PolicyInvalid, not let through");
  }

  @Test
  void aNewInvalidPolicyCoversOnlyItsOwnValidGlobs() {
    ClusterImageSignaturePolicy p = DemoPolicy.policy();
    p.getSpec().setCompartmentId("bad");
    CompiledPolicy invalid = PolicyCompiler.compile(p);
    assertSame(invalid, ClusterPolicySource.keepCoverage(invalid, null));
  }
}
