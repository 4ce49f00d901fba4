package dev.signet.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.emulator.DemoSeed;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyYamlTest {
  private static final String HEAD = "apiVersion: signet.dev/v1alpha1\nkind: ClusterImageSignaturePolicy\n";

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(PolicyYamlTest.class.getResource("/policy/" + name).toURI());
  }

  private static String error(String yaml) {
    return assertThrows(PolicyFileException.class, () -> PolicyYaml.read(yaml, "policy file p.yaml")).getMessage();
  }

  @Test
  void readsEveryDocumentAndExpandsLists() throws Exception {
    List<ClusterImageSignaturePolicy> policies = PolicyYaml.read(resource("multi.yaml"));
    assertEquals(List.of("team-a", "broken"), policies.stream().map(p -> p.getMetadata().getName()).toList());
    CompiledPolicy a = PolicyCompiler.compile(policies.get(0));
    assertTrue(a.valid(), a.problems().toString());
    assertEquals(PolicyMode.Audit, a.mode());
    assertTrue(a.pinDigests());
    assertTrue(a.trust().compartmentIdInSubtree());
    assertEquals(Set.of(DemoSeed.keyVersionId("release")),
        a.trust().key(DemoSeed.keyId("release")).kmsKeyVersionIds());
    assertEquals("http://127.0.0.1:8081", a.trust().keys().get(0).cryptoEndpoint());
    assertTrue(a.selectsNamespace(Map.of("env", "prod")));
    assertFalse(a.selectsNamespace(Map.of()));
    CompiledPolicy broken = PolicyCompiler.compile(policies.get(1));
    assertEquals(List.of("spec.images[0]", "spec.trustedKeys"),
        broken.problems().stream().map(PolicyProblem::field).toList());
  }

  @Test
  void roundTripsThroughWrite() throws Exception {
    List<ClusterImageSignaturePolicy> policies = PolicyYaml.read(resource("multi.yaml"));
    List<ClusterImageSignaturePolicy> again = PolicyYaml.read(PolicyYaml.write(policies), "written");
    assertEquals(policies.get(0).getSpec(), again.get(0).getSpec());
    assertEquals(policies.get(1).getSpec(), again.get(1).getSpec());
  }

  @Test
  void rejectsOtherKindsNamingTheDocument() {
    String msg = error(HEAD + "metadata: {name: a}\nspec: {}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n");
    assertTrue(msg.startsWith("policy file p.yaml, document 2: expected apiVersion signet.dev/v1alpha1 and kind"
        + " ClusterImageSignaturePolicy, found apiVersion 'v1' and kind 'ConfigMap'"), msg);
  }

  @Test
  void rejectsOtherApiVersions() {
    String msg = error("apiVersion: signet.dev/v1\nkind: ClusterImageSignaturePolicy\nmetadata: {name: a}\n");
    assertTrue(msg.contains("document 1") && msg.contains("found apiVersion 'signet.dev/v1'"), msg);
  }

  @Test
  void rejectsUnparseableYamlWithDocumentAndLine() {
    String msg = error(HEAD + "metadata: {name: a}\n---\n" + HEAD + "spec:\n  images: [\n");
    assertTrue(msg.startsWith("policy file p.yaml, document 2: not valid YAML"), msg);
    assertTrue(msg.contains("line "), msg);
  }

  @Test
  void rejectsUnknownFieldsSoTyposCannotWeakenAPolicy() {
    String msg = error(HEAD + "metadata: {name: a}\nspec:\n  treshold: 2\n");
    assertTrue(msg.startsWith("policy file p.yaml, document 1: spec.treshold: unknown field; known fields are"), msg);
    assertTrue(msg.contains("threshold"), msg);
    String nested = error(HEAD + "metadata: {name: a}\nspec:\n  trustedKeys:\n    - kmsKeyID: x\n");
    assertTrue(nested.contains("spec.trustedKeys[0].kmsKeyID: unknown field"), nested);
  }

  @Test
  void rejectsWrongValueTypesWithTheFieldPath() {
    String msg = error(HEAD + "metadata: {name: a}\nspec:\n  threshold: two\n");
    assertTrue(msg.startsWith("policy file p.yaml, document 1: spec.threshold: "), msg);
  }

  @Test
  void rejectsDuplicateKeysAndNames() {
    assertTrue(error(HEAD + "metadata: {name: a}\nspec:\n  threshold: 1\n  threshold: 2\n").contains("document 1"));
    String msg = error(HEAD + "metadata: {name: a}\n---\n" + HEAD + "metadata: {name: a}\n");
    assertTrue(msg.contains("document 2: policy name 'a' is already used by policy file p.yaml, document 1"), msg);
  }

  @Test
  void rejectsScalarsAndEmptyFiles() {
    assertTrue(error("just text\n").contains("document 1: expected a mapping"));
    assertTrue(error("# nothing\n---\n").contains("holds no ClusterImageSignaturePolicy document"));
    assertTrue(error("").contains("holds no"));
  }

  @Test
  void rejectsMissingAndNonUtf8Files(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("missing.yaml");
    assertTrue(assertThrows(PolicyFileException.class, () -> PolicyYaml.read(missing)).getMessage()
        .contains("policy file " + missing + " cannot be read"));
    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(latin1, new byte[] {'a', ':', ' ', (byte) 0xe9, '\n'});
    assertTrue(assertThrows(PolicyFileException.class, () -> PolicyYaml.read(latin1)).getMessage()
        .contains("is not UTF-8"));
  }
}
