package dev.signet.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.emulator.DemoSeed;
import dev.signet.verify.TrustedKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The policies shipped under {@code examples/policies} load and compile without problems. */
class ExamplePoliciesTest {
  private static final Path EXAMPLES = Path.of("examples", "policies");

  private static CompiledPolicy only(String file) throws PolicyFileException {
    List<CompiledPolicy> policies = StaticPolicySource.of(PolicyYaml.read(EXAMPLES.resolve(file))).policies();
    assertEquals(1, policies.size());
    CompiledPolicy p = policies.get(0);
    assertTrue(p.valid(), () -> file + ": " + p.problems());
    return p;
  }

  @Test
  void demoSignedExampleIsTheDemoPolicy() throws Exception {
    CompiledPolicy fromFile = only("demo-signed.yaml");
    assertEquals(PolicyCompiler.compile(DemoPolicy.policy()), fromFile);
    assertEquals(StaticPolicySource.demo().policies(), List.of(fromFile));
    assertEquals(DemoPolicy.NAME, fromFile.name());
  }

  @Test
  void twoKeysExampleNeedsReleaseAndQa() throws Exception {
    CompiledPolicy p = only("two-keys.yaml");
    assertEquals(PolicyMode.Enforce, p.mode());
    assertEquals(2, p.trust().threshold());
    assertEquals(List.of(new TrustedKey(DemoSeed.keyId("release"), Set.of(), null),
        new TrustedKey(DemoSeed.keyId("qa"), Set.of(), null)), p.trust().keys());
    assertEquals(DemoSeed.COMPARTMENT_ID, p.trust().compartmentId());
    assertTrue(p.matchesImage("phx.ocir.io/" + DemoSeed.NAMESPACE + "/" + DemoSeed.REPOSITORY));
  }
}
