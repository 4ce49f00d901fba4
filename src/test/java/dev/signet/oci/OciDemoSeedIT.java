package dev.signet.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.emulator.DemoSeed;
import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import dev.signet.verify.ImageNotFoundException;
import dev.signet.verify.SignatureRecord;
import dev.signet.verify.SignedMessage;
import dev.signet.verify.TrustedKey;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The adapters against the demo seed (DESIGN §9), through the real SDK clients and config-file auth. */
class OciDemoSeedIT {
  static final List<String> TAGS = DemoSeed.TAGS;
  static final OcirRepository REPO = EmulatorBackend.repository(DemoSeed.NAMESPACE, DemoSeed.REPOSITORY);
  static final TrustedKey RELEASE = new TrustedKey(DemoSeed.keyId("release"), Set.of(), null);
  static EmulatorBackend backend;
  static OciDigestResolver resolver;
  static OciSignatureSource signatures;
  static VaultSignatureVerifier verifier;

  @BeforeAll
  static void start() {
    backend = EmulatorBackend.startDemo();
    resolver = new OciDigestResolver(backend.clients);
    signatures = new OciSignatureSource(backend.clients);
    verifier = new VaultSignatureVerifier(backend.clients);
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  private static List<SignatureRecord> list(String tag) throws Exception {
    return signatures.list(REPO, Digest.parse(DemoSeed.digest(tag)), DemoSeed.COMPARTMENT_ID, false);
  }

  @ParameterizedTest
  @FieldSource("TAGS")
  void resolvesEachDemoTagToItsDigest(String tag) throws Exception {
    assertEquals(DemoSeed.digest(tag), resolver.resolve(REPO, tag, DemoSeed.COMPARTMENT_ID, false).toString());
  }

  @Test
  void unknownTagIsImageNotFound() {
    ImageNotFoundException e = assertThrows(ImageNotFoundException.class,
        () -> resolver.resolve(REPO, "v9.9", DemoSeed.COMPARTMENT_ID, true));
    assertTrue(e.getMessage().contains("v9.9"), e.getMessage());
  }

  @Test
  void tagOfAnotherRepositoryIsImageNotFound() {
    OcirRepository other = EmulatorBackend.repository(DemoSeed.NAMESPACE, "project01/acme-web");
    assertThrows(ImageNotFoundException.class, () -> resolver.resolve(other, "v1.0", DemoSeed.COMPARTMENT_ID, true));
  }

  @Test
  void listsTheReleaseSignatureOfV1AsStored() throws Exception {
    List<SignatureRecord> v1 = list("v1.0");
    assertEquals(1, v1.size());
    SignatureRecord s = v1.get(0);
    assertEquals(DemoSeed.keyId("release"), s.kmsKeyId());
    assertEquals(DemoSeed.keyVersionId("release"), s.kmsKeyVersionId());
    assertEquals("SHA_256_RSA_PKCS_PSS", s.signingAlgorithm());
    assertEquals("AVAILABLE", s.lifecycleState());
    SignedMessage m = SignedMessage.decode(s.message());
    assertEquals(DemoSeed.digest("v1.0"), m.imageDigest());
    assertEquals(DemoSeed.REPOSITORY, m.repositoryName());
    assertEquals(m.toBase64(), s.message());
  }

  @Test
  void listsBothKeysOfTwoKeyImage() throws Exception {
    Set<String> keys = list("v7.0-two-keys").stream().map(SignatureRecord::kmsKeyId).collect(Collectors.toSet());
    assertEquals(Set.of(DemoSeed.keyId("release"), DemoSeed.keyId("qa")), keys);
  }

  @Test
  void unsignedImageHasNoSignatures() throws Exception {
    assertTrue(list("v2.0-unsigned").isEmpty());
  }

  @Test
  void keepsRevokedSignaturesForTheVerifierToJudge() throws Exception {
    List<SignatureRecord> revoked = list("v5.0-revoked");
    assertEquals(1, revoked.size());
    assertEquals("DELETED", revoked.get(0).lifecycleState());
  }

  @Test
  void replayedSignatureKeepsTheMessageOfV1() throws Exception {
    List<SignatureRecord> replayed = list("v4.0-replayed");
    assertEquals(1, replayed.size());
    assertEquals(DemoSeed.digest("v1.0"), SignedMessage.decode(replayed.get(0).message()).imageDigest());
  }

  @Test
  void unknownDigestHasNoSignatures() throws Exception {
    assertTrue(signatures.list(REPO, Digest.parse("sha256:" + "0".repeat(64)), DemoSeed.COMPARTMENT_ID, false)
        .isEmpty());
  }

  @Test
  void vaultSaysValidForV1ReleaseSignature() throws Exception {
    assertTrue(verifier.verify(RELEASE, list("v1.0").get(0)));
  }

  @Test
  void vaultSaysInvalidForTamperedSignature() throws Exception {
    assertFalse(verifier.verify(RELEASE, list("v6.0-tampered").get(0)));
  }

  @Test
  void vaultSaysInvalidWhenAnotherKeyVersionIsClaimed() throws Exception {
    SignatureRecord v1 = list("v1.0").get(0);
    SignatureRecord claimsQa = new SignatureRecord(v1.id(), v1.imageId(), DemoSeed.keyId("qa"),
        DemoSeed.keyVersionId("qa"), v1.signingAlgorithm(), v1.message(), v1.signature(), v1.lifecycleState());
    assertFalse(verifier.verify(new TrustedKey(DemoSeed.keyId("qa"), Set.of(), null), claimsQa));
  }

  @Test
  void unknownAlgorithmIsNotValidWithoutAskingVault() throws Exception {
    SignatureRecord v1 = list("v1.0").get(0);
    long before = backend.calls("Verify");
    SignatureRecord odd = new SignatureRecord(v1.id(), v1.imageId(), v1.kmsKeyId(), v1.kmsKeyVersionId(),
        "UNKNOWN", v1.message(), v1.signature(), v1.lifecycleState());
    assertFalse(verifier.verify(RELEASE, odd));
    assertEquals(before, backend.calls("Verify"));
  }

  @Test
  void countsEveryOciCallInMetrics() throws Exception {
    double lists = backend.recorded("ListContainerImageSignatures", "ok");
    double verifies = backend.recorded("Verify", "ok");
    verifier.verify(RELEASE, list("v1.0").get(0));
    assertEquals(lists + 1, backend.recorded("ListContainerImageSignatures", "ok"));
    assertEquals(verifies + 1, backend.recorded("Verify", "ok"));
    assertTrue(backend.registry.find(OciCalls.DURATION).tag("operation", "Verify").timer().count() >= 1);
  }
}
