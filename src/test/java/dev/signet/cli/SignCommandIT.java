package dev.signet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.emulator.DemoSeed;
import dev.signet.emulator.EmulatorFault;
import dev.signet.emulator.EmulatorSeed;
import dev.signet.emulator.OciEmulator;
import dev.signet.verify.SignedMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signet sign} end to end: real OCI SDK clients against the emulator's demo seed, then verify. */
class SignCommandIT {
  static final String REPO = DemoSeed.HOST + "/" + DemoSeed.NAMESPACE + "/" + DemoSeed.REPOSITORY;
  static final String UNSIGNED = REPO + ":v2.0-unsigned";

  @TempDir
  Path dir;
  OciEmulator emulator;
  Path config;
  String stdout;
  String stderr;

  @BeforeEach
  void start() {
    emulator = OciEmulator.start(EmulatorSeed.demo(), "127.0.0.1", 0);
    config = emulator.writeOciConfig(dir);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  /** Runs {@code signet <args> <OCI flags for the emulator>}, capturing stdout and stderr. */
  int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--oci-config", config.toString(), "--artifacts-endpoint", emulator.baseUrl(),
        "--crypto-endpoint", emulator.baseUrl()));
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      return Main.run(all.toArray(String[]::new));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      stdout = out.toString(StandardCharsets.UTF_8);
      stderr = err.toString(StandardCharsets.UTF_8);
    }
  }

  int sign(String image, String key, String... extra) {
    List<String> args = new ArrayList<>(List.of("sign", "--image", image, "--compartment-id", DemoSeed.COMPARTMENT_ID,
        "--kms-key-id", DemoSeed.keyId(key), "--kms-key-version-id", DemoSeed.keyVersionId(key),
        "--signing-algorithm", "SHA_256_RSA_PKCS_PSS"));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  int verify(String image, String key) {
    return run("verify", image, "--compartment-id", DemoSeed.COMPARTMENT_ID, "--trusted-keys", DemoSeed.keyId(key));
  }

  long count(String operation) {
    return emulator.stats().getOrDefault(operation, 0L);
  }

  @Test
  void signedUnsignedImageThenVerifies() {
    assertEquals(1, verify(UNSIGNED, "release"), stdout + stderr);

    assertEquals(0, sign(UNSIGNED, "release", "--description", "release 2.0"), stderr);
    assertTrue(stdout.startsWith("Signed " + UNSIGNED + " (" + DemoSeed.REPOSITORY + "@"
        + DemoSeed.digest("v2.0-unsigned") + ")"), stdout);

    assertEquals(0, verify(UNSIGNED, "release"), stdout + stderr);
  }

  @Test
  void signingTwiceUploadsOnceAndForceUploadsAgain() {
    assertEquals(0, sign(UNSIGNED, "release"), stderr);
    assertEquals(0, sign(UNSIGNED, "release"), stderr);
    assertTrue(stdout.contains("already has an AVAILABLE signature"), stdout);
    assertEquals(1, count("CreateContainerImageSignature"));
    assertEquals(1, count("Sign"));

    assertEquals(0, sign(UNSIGNED, "release", "--force"), stderr);
    assertEquals(2, count("CreateContainerImageSignature"));
  }

  @Test
  void jsonOutputIsTheCreatedSignatureWithMetadataKeptAsGiven() throws Exception {
    String metadata = "{ \"buildNumber\" : \"123\" , \"tags\" : [1, 2] }";
    assertEquals(0, sign(UNSIGNED, "qa", "--metadata", metadata, "--output", "json", "--region", "phx"), stderr);

    JsonNode json = new ObjectMapper().readTree(stdout);
    assertTrue(json.get("uploaded").asBoolean());
    assertTrue(json.get("id").asText().startsWith("ocid1.containerimagesignature."), stdout);
    assertEquals("AVAILABLE", json.get("lifecycleState").asText());
    assertEquals(DemoSeed.digest("v2.0-unsigned"), json.get("imageDigest").asText());
    SignedMessage message = SignedMessage.decode(json.get("message").asText());
    assertEquals(metadata, message.metadata());
    assertEquals("us-phoenix-1", message.region());
    assertEquals(new SignedMessage(null, DemoSeed.digest("v2.0-unsigned"), DemoSeed.keyId("qa"),
        DemoSeed.keyVersionId("qa"), metadata, "us-phoenix-1", DemoSeed.REPOSITORY, "SHA_256_RSA_PKCS_PSS").toBase64(),
        json.get("message").asText());
    assertEquals(0, verify(UNSIGNED, "qa"), stdout + stderr);
  }

  @Test
  void signsByImageIdWithTheImagesOwnCompartment() throws Exception {
    assertEquals(0, sign(REPO + "@" + DemoSeed.digest("v2.0-unsigned"), "qa", "--output", "json"), stderr);
    String imageId = new ObjectMapper().readTree(stdout).get("imageId").asText();

    assertEquals(0, run("sign", "--image-id", imageId, "--kms-key-id", DemoSeed.keyId("release"),
        "--kms-key-version-id", DemoSeed.keyVersionId("release"), "--signing-algorithm", "SHA_384_RSA_PKCS_PSS"),
        stderr);
    assertTrue(stdout.startsWith("Signed " + imageId), stdout);
    assertEquals(0, verify(UNSIGNED, "release"), stdout + stderr);
    assertEquals(2, count("CreateContainerImageSignature"));
  }

  @Test
  void badUsageExits64WithoutCallingOci() {
    String key = DemoSeed.keyId("release");
    String version = DemoSeed.keyVersionId("release");
    List<List<String>> bad = List.of(
        List.of("sign", "--kms-key-id", key, "--kms-key-version-id", version, "--signing-algorithm",
            "SHA_256_RSA_PKCS_PSS", "--compartment-id", DemoSeed.COMPARTMENT_ID),
        List.of("sign", "--image", UNSIGNED, "--image-id", "ocid1.containerimage.oc1.phx.0.x.y", "--kms-key-id", key,
            "--kms-key-version-id", version, "--signing-algorithm", "SHA_256_RSA_PKCS_PSS"),
        List.of("sign", "--image", UNSIGNED, "--kms-key-id", key, "--kms-key-version-id", version,
            "--signing-algorithm", "SHA_256_RSA_PKCS_PSS"),
        List.of("sign", "--image", UNSIGNED, "--compartment-id", DemoSeed.COMPARTMENT_ID, "--kms-key-version-id",
            version, "--signing-algorithm", "SHA_256_RSA_PKCS_PSS"),
        List.of("sign", "--image", "docker.io/library/nginx:1.27", "--compartment-id", DemoSeed.COMPARTMENT_ID,
            "--kms-key-id", key, "--kms-key-version-id", version, "--signing-algorithm", "SHA_256_RSA_PKCS_PSS"),
        List.of("sign", "--image", UNSIGNED, "--compartment-id", DemoSeed.COMPARTMENT_ID, "--kms-key-id", key,
            "--kms-key-version-id", version, "--signing-algorithm", "SHA_256_RSA_PKCS1_V1_5"),
        List.of("sign", "--image", UNSIGNED, "--compartment-id", DemoSeed.COMPARTMENT_ID, "--kms-key-id", key,
            "--kms-key-version-id", version, "--signing-algorithm", "SHA_256_RSA_PKCS_PSS", "--metadata", "[1,2]"),
        List.of("sign", "--image", UNSIGNED, "--compartment-id", DemoSeed.COMPARTMENT_ID, "--kms-key-id", key,
            "--kms-key-version-id", version, "--signing-algorithm", "SHA_256_RSA_PKCS_PSS", "--region", "mars"),
        List.of("sign", "--image", UNSIGNED, "--compartment-id", DemoSeed.COMPARTMENT_ID, "--kms-key-id", key,
            "--kms-key-version-id", version, "--signing-algorithm", "SHA_256_RSA_PKCS_PSS", "--output", "yaml"),
        List.of("sign", "--image", UNSIGNED, "--compartment-id", DemoSeed.COMPARTMENT_ID, "--kms-key-id",
            "ocid1.key.oc1.phx.short", "--kms-key-version-id", version, "--signing-algorithm", "SHA_256_RSA_PKCS_PSS"),
        List.of("sign", "--image", UNSIGNED, "--compartment-id", DemoSeed.COMPARTMENT_ID, "--kms-key-id", key,
            "--kms-key-version-id", key, "--signing-algorithm", "SHA_256_RSA_PKCS_PSS"));
    for (List<String> args : bad) {
      assertEquals(64, run(args.toArray(String[]::new)), String.join(" ", args));
      assertTrue(stderr.startsWith("signet: "), stderr);
    }
    assertTrue(emulator.stats().isEmpty(), emulator.stats().toString());
  }

  @Test
  void refusesMetadataThatIsNotAnObjectAndOversizedMessagesBeforeSigning() {
    assertEquals(64, sign(UNSIGNED, "release", "--metadata", "\"just a string\""));
    assertTrue(stderr.contains("--metadata must be a JSON object"), stderr);
    assertEquals(64, sign(UNSIGNED, "release", "--description", "x".repeat(4000)));
    assertTrue(stderr.contains("over Vault's 4096-byte limit"), stderr);
    assertEquals(0, count("Sign"));
    assertEquals(0, count("CreateContainerImageSignature"));
  }

  @Test
  void unknownTagIsBadInputAndBackendRefusalExits2() {
    assertEquals(64, sign(REPO + ":no-such-tag", "release"));
    assertTrue(stderr.contains("no image tagged 'no-such-tag'"), stderr);

    assertEquals(64, run("sign", "--image-id", "ocid1.containerimage.oc1.phx.0.demotenancy." + "0".repeat(60),
        "--kms-key-id", DemoSeed.keyId("release"), "--kms-key-version-id", DemoSeed.keyVersionId("release"),
        "--signing-algorithm", "SHA_256_RSA_PKCS_PSS"));
    assertTrue(stderr.contains("no image ocid1.containerimage."), stderr);

    emulator.addFault(new EmulatorFault("Sign", 400, 0, 1));
    assertEquals(2, sign(UNSIGNED, "release"));
    assertTrue(stderr.startsWith("signet: Sign failed with HTTP 400"), stderr);
    assertEquals(0, count("CreateContainerImageSignature"));
  }
}
