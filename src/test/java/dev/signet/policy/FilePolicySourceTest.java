package dev.signet.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.emulator.DemoSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePolicySourceTest {
  private static final String POLICY = """
      apiVersion: signet.dev/v1alpha1
      kind: ClusterImageSignaturePolicy
      metadata:
        name: %s
      spec:
        images: ["phx.ocir.io/demotenancy/**"]
        compartmentId: %s
        trustedKeys:
          - kmsKeyId: %s
      """;

  private static String policy(String name) {
    return POLICY.formatted(name, DemoSeed.COMPARTMENT_ID, DemoSeed.keyId("release"));
  }

  private static List<String> names(PolicySource source) {
    return source.policies().stream().map(CompiledPolicy::name).toList();
  }

  @Test
  void loadsAndCompilesAtConstruction(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(file, policy("a") + "---\n" + policy("b"));
    try (FilePolicySource source = new FilePolicySource(file)) {
      assertEquals(List.of("a", "b"), names(source));
      assertTrue(source.ready());
      assertTrue(source.policies().stream().allMatch(CompiledPolicy::valid));
      assertEquals(file, source.file());
    }
  }

  @Test
  void failsAtStartupNamingTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "apiVersion: v1\nkind: Pod\n");
    PolicyFileException e = assertThrows(PolicyFileException.class, () -> new FilePolicySource(file));
    assertTrue(e.getMessage().startsWith("policy file " + file + ", document 1: expected apiVersion"), e.getMessage());
  }

  @Test
  void reloadsOnlyWhenTheContentChanges(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(file, policy("a"));
    try (FilePolicySource source = new FilePolicySource(file)) {
      assertFalse(source.reload(), "unchanged");
      Files.writeString(file, policy("a") + "---\n" + policy("b"));
      assertTrue(source.reload());
      assertEquals(List.of("a", "b"), names(source));
      assertTrue(source.lastError().isEmpty());
    }
  }

  @Test
  void keepsTheLastGoodSetWhenTheNewFileIsBroken(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(file, policy("a"));
    try (FilePolicySource source = new FilePolicySource(file)) {
      Files.writeString(file, "spec: [");
      assertFalse(source.reload());
      assertEquals(List.of("a"), names(source));
      assertTrue(source.lastError().orElseThrow().contains("not valid YAML"));
      Files.delete(file);
      assertFalse(source.reload());
      assertTrue(source.lastError().orElseThrow().contains("cannot be read"));
      assertEquals(List.of("a"), names(source));
      Files.writeString(file, policy("c"));
      assertTrue(source.reload());
      assertEquals(List.of("c"), names(source));
      assertTrue(source.lastError().isEmpty());
    }
  }

  @Test
  void refusesAFileWithAnInvalidPolicyAtStart(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(file, policy("a").replace("compartmentId: ocid1", "compartmentId: nope"));
    PolicyFileException e = assertThrows(PolicyFileException.class, () -> new FilePolicySource(file));
    assertTrue(e.getMessage().contains("policy a: spec.compartmentId"), e.getMessage());
  }

  /** An invalid policy whose globs are all invalid matches nothing: loading it would silently stop enforcement. */
  @Test
  void keepsTheLastGoodSetWhenAReloadBringsAnInvalidPolicy(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(file, policy("a"));
    try (FilePolicySource source = new FilePolicySource(file)) {
      Files.writeString(file, policy("a").replace("images: [\"phx.ocir.io/demotenancy/**\"]", "images: []"));
      assertFalse(source.reload());
      assertEquals(List.of("a"), names(source));
      assertTrue(source.policies().get(0).valid());
      assertTrue(source.lastError().orElseThrow().contains("spec.images"), source.lastError().orElseThrow());
    }
  }

  @Test
  void watchPicksUpChanges(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(file, policy("a"));
    try (FilePolicySource source = new FilePolicySource(file)) {
      source.watch(Duration.ofMillis(20));
      assertThrows(IllegalStateException.class, () -> source.watch(Duration.ofMillis(20)));
      Files.writeString(file, policy("b"));
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!names(source).equals(List.of("b")) && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertEquals(List.of("b"), names(source));
    }
  }

  @Test
  void rejectsNonPositiveWatchIntervals(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(file, policy("a"));
    try (FilePolicySource source = new FilePolicySource(file)) {
      assertThrows(IllegalArgumentException.class, () -> source.watch(Duration.ZERO));
    }
  }
}
