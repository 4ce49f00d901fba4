package dev.signet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.emulator.DemoSeed;
import dev.signet.emulator.EmulatorFault;
import dev.signet.emulator.EmulatorSeed;
import dev.signet.emulator.OciEmulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code signet verify} against the emulator over the real SDK, with config-file auth: exit codes 0/1/2/64. */
class VerifyCommandIT {
  private static OciEmulator emulator;
  private static Path config;

  @BeforeAll
  static void start(@TempDir Path dir) {
    emulator = OciEmulator.start(EmulatorSeed.demo(), "127.0.0.1", 0);
    config = emulator.writeOciConfig(dir);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @AfterEach
  void clearFaults() {
    emulator.clearFaults();
  }

  record Run(int exit, String out, String err) {}

  private static Run verify(String... args) {
    List<String> all = new ArrayList<>(List.of("verify"));
    all.addAll(List.of(args));
    all.addAll(List.of("--oci-config", config.toString(), "--artifacts-endpoint", emulator.baseUrl(),
        "--crypto-endpoint", emulator.baseUrl()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  private static Run verifyWithKeys(String image, String keys, String... more) {
    List<String> args = new ArrayList<>(List.of(image, "--compartment-id", DemoSeed.COMPARTMENT_ID,
        "--trusted-keys", keys));
    args.addAll(List.of(more));
    return verify(args.toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0} → exit {1} {2}")
  @CsvSource({"v1.0,0,", "v7.0-two-keys,0,", "v2.0-unsigned,1,NoSignature", "v3.0-untrusted,1,UntrustedKey",
      "v4.0-replayed,1,MessageMismatch", "v5.0-revoked,1,SignatureRevoked", "v6.0-tampered,1,InvalidSignature",
      "v9.9-missing,1,ImageNotFound"})
  void exitsByVerdictOnDemoTags(String tag, int exit, String reason) {
    Run r = verifyWithKeys(DemoSeed.image(tag), DemoSeed.keyId("release"));
    assertEquals(exit, r.exit(), r.out() + r.err());
    if (reason != null) {
      assertTrue(r.out().contains(reason), r.out());
    } else {
      assertTrue(r.out().contains("Verdict: VERIFIED"), r.out());
    }
  }

  @Test
  void thresholdOfTwoKeysNeedsBothSignatures() {
    String keys = DemoSeed.keyId("release") + "," + DemoSeed.keyId("qa");
    assertEquals(0, verifyWithKeys(DemoSeed.image("v7.0-two-keys"), keys, "--threshold", "2").exit());
    Run one = verifyWithKeys(DemoSeed.image("v1.0"), keys, "--threshold", "2");
    assertEquals(1, one.exit());
    assertTrue(one.out().contains("ThresholdNotMet"), one.out());
  }

  @Test
  void exitsTwoWhenVaultCannotAnswer() {
    emulator.addFault(new EmulatorFault("Verify", 500, 0, -1));
    Run r = verifyWithKeys(DemoSeed.image("v1.0") + "@" + DemoSeed.digest("v1.0"), DemoSeed.keyId("release"));
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("BackendError"), r.out());
  }

  @Test
  void printsJsonWithEachSignatureOutcome() throws Exception {
    Run r = verifyWithKeys(DemoSeed.image("v7.0-two-keys"), DemoSeed.keyId("release"), "--output", "json");
    assertEquals(0, r.exit(), r.err());
    JsonNode json = DemoServer.JSON.readTree(r.out());
    assertEquals("verified", json.get("verdict").asText());
    JsonNode policy = json.get("policies").get(0);
    assertEquals(DemoSeed.digest("v7.0-two-keys"), policy.get("digest").asText());
    assertEquals(2, policy.get("signatures").size(), "release and qa signatures are both reported");
  }

  @Test
  void verifiesAgainstEveryMatchingPolicyOfAFile() throws Exception {
    Path policies = Path.of("examples", "policies", "two-keys.yaml");
    assertTrue(Files.exists(policies));
    assertEquals(0, verify(DemoSeed.image("v7.0-two-keys"), "--policy-file", policies.toString()).exit());
    assertEquals(1, verify(DemoSeed.image("v1.0"), "--policy-file", policies.toString()).exit());
  }

  @Test
  void exitsSixtyFourOnBadUsage() {
    assertEquals(64, verify().exit(), "no image");
    assertEquals(64, verify(DemoSeed.image("v1.0")).exit(), "neither keys nor policy file");
    assertEquals(64, verify("UPPER/Case:tag", "--compartment-id", DemoSeed.COMPARTMENT_ID, "--trusted-keys",
        DemoSeed.keyId("release")).exit(), "invalid reference");
    Run badKey = verifyWithKeys(DemoSeed.image("v1.0"), "ocid1.key.bogus");
    assertEquals(64, badKey.exit());
    assertTrue(badKey.err().contains("--trusted-keys[0].kmsKeyId"), badKey.err());
    assertEquals(64, verify(DemoSeed.image("v1.0"), "--policy-file", "examples/policies/two-keys.yaml",
        "--output", "yaml").exit(), "unknown output");
    assertEquals(64, verify("docker.io/library/nginx:1.25", "--policy-file", "examples/policies/demo-signed.yaml")
        .exit(), "no policy in the file matches");
  }

  @Test
  void nonOcirImagesAreNotVerified() {
    Run r = verifyWithKeys("docker.io/library/nginx:1.25", DemoSeed.keyId("release"));
    assertEquals(1, r.exit());
    assertTrue(r.out().contains("NotOcir"), r.out());
  }

  @Test
  void ocirHostWithoutTenancyNamespaceIsAnInvalidReferenceNotNotOcir() {
    Run r = verifyWithKeys("phx.ocir.io/demotenancy:v1", DemoSeed.keyId("release"));
    assertEquals(1, r.exit());
    assertTrue(r.out().contains("InvalidReference") && r.out().contains("<tenancy-namespace>/<repository>"), r.out());
    assertTrue(!r.out().contains("NotOcir"), r.out());
  }
}
