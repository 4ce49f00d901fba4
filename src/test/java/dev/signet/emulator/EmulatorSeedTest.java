package dev.signet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmulatorSeedTest {
  private static final String MINIMAL = """
      region: us-phoenix-1
      tenancyNamespace: t
      compartments: [{name: c}]
      keys: [{name: k}]
      repositories:
        - name: a/b
          images:
            - tags: [v1]
              signatures: [{key: k}]
      """;

  @Test
  void demoSeedDerivesExactlyTheDemoIdentifiers() {
    EmulatorSeed demo = EmulatorSeed.demo();
    assertEquals(DemoSeed.REGION, demo.region());
    assertEquals(DemoSeed.NAMESPACE, demo.tenancyNamespace());
    assertEquals(DemoSeed.COMPARTMENT_ID, SeedIds.compartment(demo.compartments().get(0).name()));
    for (String name : DemoSeed.KEY_NAMES) {
      assertEquals(DemoSeed.keyId(name), SeedIds.key(demo.effectiveRegionCode(), SeedIds.DEFAULT_VAULT, name));
      assertEquals(DemoSeed.keyVersionId(name),
          SeedIds.keyVersion(demo.effectiveRegionCode(), SeedIds.DEFAULT_VAULT, name, 1));
    }
    EmulatorSeed.Repository repo = demo.repositories().get(0);
    assertEquals(DemoSeed.REPOSITORY, repo.name());
    assertEquals(DemoSeed.TAGS, repo.images().stream().map(i -> i.tags().get(0)).toList());
    repo.images().forEach(i -> assertEquals(DemoSeed.digest(i.tags().get(0)), i.digest()));
  }

  @Test
  void demoArgumentSelectsTheDemoSeed() {
    assertEquals(EmulatorSeed.demo(), EmulatorSeed.fromArgument("demo"));
  }

  @Test
  void appliesDefaults() {
    EmulatorSeed seed = EmulatorSeed.parse(MINIMAL, "minimal");
    assertEquals("phx", seed.effectiveRegionCode());
    EmulatorSeed.Signature sig = seed.repositories().get(0).images().get(0).signatures().get(0);
    assertEquals("SHA_256_RSA_PKCS_PSS", sig.algorithm());
    assertEquals("AVAILABLE", sig.state());
    assertNull(sig.keyVersion());
    assertEquals(List.of(new EmulatorSeed.KeyVersion(null, true)), seed.keys().get(0).versions());
  }

  @Test
  void loadsAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("seed.yaml");
    Files.writeString(file, MINIMAL, StandardCharsets.UTF_8);
    assertEquals(EmulatorSeed.parse(MINIMAL, "x"), EmulatorSeed.load(file));
  }

  @Test
  void missingFileIsAClearError(@TempDir Path dir) {
    InvalidSeedException e = assertThrows(InvalidSeedException.class,
        () -> EmulatorSeed.fromArgument(dir.resolve("nope.yaml").toString()));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "signatures: [{key: k}]|signatures: [{key: other}]|unknown key 'other'",
      "signatures: [{key: k}]|signatures: [{key: k, algorithm: SHA_256_RSA_PKCS1_V1_5}]|algorithm must be one of",
      "signatures: [{key: k}]|signatures: [{key: k, state: GONE}]|state must be one of",
      "signatures: [{key: k}]|signatures: [{key: k, keyVersion: 2}]|has no version 2",
      "signatures: [{key: k}]|signatures: [{replayOf: v9}]|unknown tag 'v9'",
      "signatures: [{key: k}]|signatures: [{key: k, colour: red}]|colour",
      "tags: [v1]|tags: []|has no tags",
      "name: a/b|name: A/B|must be a lower-case path",
      "region: us-phoenix-1|region: xx-nowhere-1|'regionCode' is required",
      "tenancyNamespace: t|tenancyNamespace: ''|'tenancyNamespace' is required",
      "compartments: [{name: c}]|compartments: [{name: c, parent: d}]|unknown parent 'd'",
      "keys: [{name: k}]|keys: [{name: k}, {name: k}]|listed twice",
      "repositories:|repositories: 5|not a valid seed"})
  void rejectsAnInvalidSeedNamingTheProblem(String from, String to, String problem) {
    InvalidSeedException e = assertThrows(InvalidSeedException.class,
        () -> EmulatorSeed.parse(MINIMAL.replace(from, to), "bad.yaml"));
    assertTrue(e.getMessage().startsWith("bad.yaml: "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  @Test
  void rejectsAMalformedDigest() {
    String yaml = MINIMAL.replace("- tags: [v1]", "- digest: sha256:ABC\n        tags: [v1]");
    InvalidSeedException e = assertThrows(InvalidSeedException.class, () -> EmulatorSeed.parse(yaml, "d.yaml"));
    assertTrue(e.getMessage().contains("must be sha256:<64 lower-case hex>"), e.getMessage());
  }

  @Test
  void documentedExampleIsAValidSeedWithAReplayAndNestedCompartments() throws Exception {
    String yaml;
    try (var in = EmulatorSeedTest.class.getResourceAsStream("/emulator/docs-example-seed.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    EmulatorSeed seed = EmulatorSeed.parse(yaml, "docs example");
    ArtifactStore store = new ArtifactStore(seed, new VaultKeys(seed), "ocid1.user.oc1..test");
    assertEquals(2, store.scope(SeedIds.compartment("prod"), true).size());
    List<ArtifactStore.Signature> sigs = store.signatures();
    assertEquals(4, sigs.size());
    assertEquals(sigs.get(0).message(), sigs.get(2).message());
    assertEquals(sigs.get(0).signature(), sigs.get(2).signature());
    assertEquals("DELETED", sigs.get(1).lifecycleState());
  }

  @Test
  void replayMustNameAnEarlierImage() {
    String head = "region: us-phoenix-1\ntenancyNamespace: t\ncompartments: [{name: c}]\nkeys: [{name: k}]\n"
        + "repositories:\n  - name: a/b\n    images:\n";
    String forward = head + "      - {tags: [v1], signatures: [{replayOf: v0}]}\n"
        + "      - {tags: [v0], signatures: [{key: k}]}\n";
    InvalidSeedException e = assertThrows(InvalidSeedException.class, () -> EmulatorSeed.parse(forward, "r.yaml"));
    assertTrue(e.getMessage().contains("must name an image listed earlier"), e.getMessage());
    String backward = head + "      - {tags: [v0], signatures: [{key: k}]}\n"
        + "      - {tags: [v1], signatures: [{replayOf: v0}]}\n";
    EmulatorSeed ok = EmulatorSeed.parse(backward, "r.yaml");
    assertEquals("v0", ok.repositories().get(0).images().get(1).signatures().get(0).replayOf());
  }

  @Test
  void rejectsAnEmptySeed() {
    assertThrows(InvalidSeedException.class, () -> EmulatorSeed.parse("", "empty.yaml"));
  }
}
