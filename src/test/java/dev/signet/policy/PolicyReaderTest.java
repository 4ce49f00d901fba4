package dev.signet.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.emulator.DemoSeed;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading policy objects as the API server holds them, including ones the Java model cannot read. */
class PolicyReaderTest {
  private static final String DEMO_IMAGE = DemoSeed.HOST + "/" + DemoSeed.NAMESPACE + "/" + DemoSeed.REPOSITORY;

  @SuppressWarnings("unchecked")
  private static GenericKubernetesResource withSpec(String field, Object value) {
    GenericKubernetesResource generic = PolicyReader.toGeneric(DemoPolicy.policy());
    Map<String, Object> spec = new HashMap<>((Map<String, Object>) generic.getAdditionalProperties().get("spec"));
    spec.put(field, value);
    generic.setAdditionalProperty("spec", spec);
    return generic;
  }

  @Test
  void readsAValidPolicyLikeTheCompiler() {
    PolicyReader.ReadPolicy read = PolicyReader.read(PolicyReader.toGeneric(DemoPolicy.policy()));
    assertEquals(PolicyCompiler.compile(DemoPolicy.policy()), read.compiled());
    assertEquals(DemoPolicy.policy().getSpec(), read.resource().getSpec());
  }

  @Test
  void unreadableSpecFailsClosedOnItsReadableGlobs() {
    PolicyReader.ReadPolicy read = PolicyReader.read(withSpec("trustedKeys", "release"));
    CompiledPolicy c = read.compiled();
    assertFalse(c.valid());
    assertEquals("spec.trustedKeys", c.problems().get(0).field(), c.problems()::toString);
    assertEquals(PolicyMode.Enforce, c.mode());
    assertNull(c.trust());
    assertTrue(c.matchesImage(DEMO_IMAGE));
    assertEquals(DemoPolicy.NAME, c.name());
    assertNull(read.resource().getSpec());
  }

  @Test
  void unknownSpecFieldIsAProblemNotASilentlyWeakerPolicy() {
    CompiledPolicy c = PolicyReader.read(withSpec("treshold", 2)).compiled();
    assertFalse(c.valid());
    assertEquals("spec.treshold: unknown field", c.problems().get(0).toString());
  }

  @Test
  void textThatIsNotAnObjectIsInvalid() {
    CompiledPolicy c = PolicyReader.read("[1, 2]").compiled();
    assertFalse(c.valid());
    assertEquals(List.of(new PolicyProblem("object", "is not a JSON object")), c.problems());
    assertTrue(c.images().isEmpty());
  }
}
