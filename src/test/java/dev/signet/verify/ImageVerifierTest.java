package dev.signet.verify;

import static dev.signet.verify.TestImages.PSS256;
import static dev.signet.verify.TestImages.REPO;
import static dev.signet.verify.TestImages.digest;
import static dev.signet.verify.TestImages.key;
import static dev.signet.verify.TestImages.message;
import static dev.signet.verify.TestImages.trust;
import static dev.signet.verify.TestImages.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.emulator.DemoSeed;
import dev.signet.image.Digest;
import dev.signet.verify.SignatureOutcome.Result;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageVerifierTest {
  private static final Digest V1 = digest("v1.0");
  private static final Digest V4 = digest("v4.0-replayed");
  private static final String AVAILABLE = "AVAILABLE";

  private final FakeSignatureSource source = new FakeSignatureSource();
  private final FakeVault vault = new FakeVault();
  private final TestImages.MutableClock clock = new TestImages.MutableClock();
  private final ImageVerifier verifier = new ImageVerifier(source, vault, clock);

  private static SignatureRecord signed(String id, String keyName, Digest digest) {
    return FakeVault.sign(id, keyName, message(digest, keyName, PSS256), AVAILABLE);
  }

  private static List<Result> results(Verdict v) {
    return v.signatures().stream().map(SignatureOutcome::result).toList();
  }

  @Test
  void verifiesSignatureByTrustedKey() {
    source.add(V1, signed("sig1", "release", V1));
    Verdict v = verifier.verify(REPO, V1, trust(1, "release"));
    Verdict.Verified ok = assertInstanceOf(Verdict.Verified.class, v);
    assertEquals(List.of(key("release")), ok.keys());
    assertEquals(List.of(Result.VALID), results(v));
    assertEquals(V1, v.digest());
    assertEquals(1, vault.calls());
  }

  @Test
  void reportsNoSignatureForUnsignedDigest() {
    Verdict v = verifier.verify(REPO, digest("v2.0-unsigned"), trust(1, "release"));
    assertEquals(ReasonCode.NoSignature, v.reason());
    assertInstanceOf(Verdict.NotVerified.class, v);
    assertTrue(v.message().startsWith("no signature for sha256:"), v.message());
  }

  @Test
  void reportsUntrustedKeyWithoutAskingVault() {
    source.add(V1, signed("sig1", "untrusted", V1), signed("sig2", "qa", V1));
    Verdict v = verifier.verify(REPO, V1, trust(1, "release"));
    assertEquals(ReasonCode.UntrustedKey, v.reason());
    assertEquals("2 signatures, none by a trusted key", v.message());
    assertEquals(List.of(Result.UNTRUSTED, Result.UNTRUSTED), results(v));
    assertEquals(0, vault.calls());
  }

  @Test
  void treatsUnpinnedKeyVersionAsUntrusted() {
    source.add(V1, signed("sig1", "release", V1));
    TrustSet pinned = new TrustSet(DemoSeed.COMPARTMENT_ID, false,
        List.of(new TrustedKey(key("release"), Set.of("ocid1.keyversion.oc1.phx.0.other.v2"), null)), Set.of(), 1);
    Verdict v = verifier.verify(REPO, V1, pinned);
    assertEquals(ReasonCode.UntrustedKey, v.reason());
    assertTrue(v.signatures().get(0).detail().contains("not pinned"), v.signatures().get(0).detail());
    assertTrue(v.message().matches("1 signature, none by a trusted key, key version and algorithm "
        + "\\(signature sig1: key version ocid1\\.keyversion…[0-9a-f]{8} not pinned\\)"), v.message());
    assertEquals(0, vault.calls());
  }

  @Test
  void acceptsPinnedKeyVersion() {
    source.add(V1, signed("sig1", "release", V1));
    TrustSet pinned = new TrustSet(DemoSeed.COMPARTMENT_ID, false,
        List.of(new TrustedKey(key("release"), Set.of(version("release")), null)), Set.of(), 1);
    assertInstanceOf(Verdict.Verified.class, verifier.verify(REPO, V1, pinned));
  }

  @Test
  void treatsDisallowedAlgorithmAsUntrusted() {
    source.add(V1, FakeVault.sign("sig1", "release", message(V1, "release", "SHA_512_RSA_PKCS_PSS"), AVAILABLE));
    TrustSet only256 = new TrustSet(DemoSeed.COMPARTMENT_ID, false,
        List.of(new TrustedKey(key("release"), Set.of(), null)), Set.of(PSS256), 1);
    Verdict v = verifier.verify(REPO, V1, only256);
    assertEquals(ReasonCode.UntrustedKey, v.reason());
    assertTrue(v.message().contains("SHA_512_RSA_PKCS_PSS not allowed"), v.message());
    assertInstanceOf(Verdict.Verified.class, verifier.verify(REPO, V1, trust(1, "release")));
  }

  @Test
  void deniesReplayedSignature() {
    SignatureRecord v1Signature = signed("sig1", "release", V1);
    source.add(V4, v1Signature); // v4.0 carries a copy of v1.0's message and signature
    Verdict v = verifier.verify(REPO, V4, trust(1, "release"));
    assertEquals(ReasonCode.MessageMismatch, v.reason());
    assertTrue(v.message().matches("signature sig1 names digest sha256:[0-9a-f]{12}… \\(replayed\\)"), v.message());
    assertEquals("message names digest " + V1 + " (replayed)", v.signatures().get(0).detail());
    assertEquals(0, vault.calls(), "a replay is refused before Vault is asked");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "repositoryName, project01/other-app, repository",
      "kmsKeyId, qa, key",
      "kmsKeyVersionId, qa, key version",
      "signingAlgorithm, SHA_384_RSA_PKCS_PSS, algorithm"})
  void deniesMessageThatDoesNotBindRecordOrRepository(String field, String value, String noun) {
    SignedMessage good = message(V1, "release", PSS256);
    SignedMessage bad = new SignedMessage(good.description(), good.imageDigest(),
        field.equals("kmsKeyId") ? key(value) : good.kmsKeyId(),
        field.equals("kmsKeyVersionId") ? version(value) : good.kmsKeyVersionId(), good.metadata(), good.region(),
        field.equals("repositoryName") ? value : good.repositoryName(),
        field.equals("signingAlgorithm") ? value : good.signingAlgorithm());
    // The record names release and SHA-256, and Vault would accept the bytes: only the message is wrong.
    source.add(V1, FakeVault.signRaw("sig1", key("release"), version("release"), PSS256, bad.toBase64(), AVAILABLE));
    Verdict v = verifier.verify(REPO, V1, trust(1, "release", "qa"));
    assertEquals(ReasonCode.MessageMismatch, v.reason());
    assertTrue(v.signatures().get(0).detail().startsWith("message names " + noun + " "), v.signatures().get(0).detail());
    assertEquals(0, vault.calls());
  }

  @Test
  void deniesUndecodableMessage() {
    String notJson = Base64.getEncoder().encodeToString("just text".getBytes(StandardCharsets.UTF_8));
    source.add(V1, FakeVault.signRaw("sig1", key("release"), version("release"), PSS256, notJson, AVAILABLE));
    Verdict v = verifier.verify(REPO, V1, trust(1, "release"));
    assertEquals(ReasonCode.MessageMismatch, v.reason());
    assertEquals("message undecodable: message is not JSON", v.signatures().get(0).detail());
  }

  @Test
  void reportsRevokedWhenOnlyTrustedSignatureIsDeleted() {
    source.add(V1, FakeVault.sign("sig1", "release", message(V1, "release", PSS256), "DELETED"));
    Verdict v = verifier.verify(REPO, V1, trust(1, "release"));
    assertEquals(ReasonCode.SignatureRevoked, v.reason());
    assertEquals(List.of(Result.REVOKED), results(v));
    assertEquals(0, vault.calls());
  }

  @Test
  void treatsDeletedSignatureOfUntrustedKeyAsUntrusted() {
    source.add(V1, FakeVault.sign("sig1", "untrusted", message(V1, "untrusted", PSS256), "DELETED"));
    assertEquals(ReasonCode.UntrustedKey, verifier.verify(REPO, V1, trust(1, "release")).reason());
  }

  @Test
  void reportsInvalidSignatureWhenVaultSaysNotValid() {
    source.add(V1, FakeVault.tampered(signed("sig1", "release", V1)));
    Verdict v = verifier.verify(REPO, V1, trust(1, "release"));
    assertEquals(ReasonCode.InvalidSignature, v.reason());
    assertEquals("Vault says signature sig1 is not valid", v.message());
    assertEquals(1, vault.calls());
  }

  @Test
  void verifiesWithTwoDistinctKeysAtThresholdTwo() {
    source.add(V1, signed("sig1", "release", V1), signed("sig2", "qa", V1));
    Verdict.Verified v = assertInstanceOf(Verdict.Verified.class, verifier.verify(REPO, V1, trust(2, "release", "qa")));
    assertEquals(List.of(key("release"), key("qa")), v.keys());
  }

  @Test
  void reportsThresholdNotMetForTwoSignaturesByOneKey() {
    source.add(V1, signed("sig1", "release", V1), signed("sig2", "release", V1));
    Verdict v = verifier.verify(REPO, V1, trust(2, "release", "qa"));
    assertEquals(ReasonCode.ThresholdNotMet, v.reason());
    assertEquals("1 of 2 required keys", v.message());
    assertEquals(List.of(Result.VALID, Result.SKIPPED), results(v));
    assertEquals(1, vault.calls(), "a second signature of a key already valid is not checked");
  }

  @Test
  void ignoresErrorsOnOtherCandidatesOnceThresholdReached() {
    source.add(V1, signed("sig1", "qa", V1), signed("sig2", "release", V1), signed("sig3", "qa", V1));
    vault.failFor("sig1", 429);
    Verdict v = verifier.verify(REPO, V1, trust(1, "release", "qa"));
    assertInstanceOf(Verdict.Verified.class, v);
    assertEquals(List.of(Result.ERROR, Result.VALID, Result.SKIPPED), results(v));
    assertEquals(2, vault.calls());
  }

  @Test
  void returnsErrorWhenVaultFailsAndThresholdNotReached() {
    source.add(V1, signed("sig1", "release", V1), signed("sig2", "qa", V1));
    vault.failFor("sig2", 503);
    Verdict v = verifier.verify(REPO, V1, trust(2, "release", "qa"));
    assertInstanceOf(Verdict.Error.class, v);
    assertEquals(ReasonCode.BackendError, v.reason());
    assertEquals("Verify failed with HTTP 503: injected (1 of 2 required keys)", v.message());
    assertEquals(List.of(Result.VALID, Result.ERROR), results(v));
  }

  @Test
  void returnsErrorWhenListingFails() {
    source.fail(500);
    Verdict v = verifier.verify(REPO, V1, trust(1, "release"));
    assertInstanceOf(Verdict.Error.class, v);
    assertEquals("ListContainerImageSignatures failed with HTTP 500: injected", v.message());
    assertEquals(V1, v.digest());
  }

  @Test
  void returnsErrorWhenDeadlinePassesBeforeVaultCall() {
    source.add(V1, signed("sig1", "release", V1));
    source.onList(() -> clock.advance(Duration.ofSeconds(2)));
    Verdict v = verifier.verify(REPO, V1, trust(1, "release"), clock.instant().plusSeconds(1));
    assertInstanceOf(Verdict.Error.class, v);
    assertEquals("deadline exceeded", v.message());
    assertEquals(List.of(Result.ERROR), results(v));
    assertEquals(0, vault.calls());
  }

  @Test
  void returnsErrorWithoutListingWhenDeadlineAlreadyPassed() {
    Verdict v = verifier.verify(REPO, V1, trust(1, "release"), clock.instant().minusMillis(1));
    assertEquals("deadline exceeded", v.message());
    assertEquals(0, source.calls());
  }

  @Test
  void reportsEachSignatureOfAMixedListing() {
    source.add(V1, signed("sig1", "untrusted", V1),
        FakeVault.sign("sig2", "release", message(V1, "release", PSS256), "DELETED"),
        signed("sig3", "qa", V4), // replayed from another image
        FakeVault.tampered(signed("sig4", "release", V1)),
        signed("sig5", "release", V1),
        signed("sig6", "qa", V1));
    Verdict v = verifier.verify(REPO, V1, trust(1, "release", "qa"));
    assertInstanceOf(Verdict.Verified.class, v);
    assertEquals(List.of(Result.UNTRUSTED, Result.REVOKED, Result.MESSAGE_MISMATCH, Result.INVALID, Result.VALID,
        Result.SKIPPED), results(v));
    assertEquals(List.of("sig1", "sig2", "sig3", "sig4", "sig5", "sig6"),
        v.signatures().stream().map(SignatureOutcome::signatureId).toList());
  }

  /**
   * Kinds: {@code valid:K}, {@code invalid:K}, {@code revoked:K}, {@code replayed:K}, {@code error:K} (Vault
   * fails) and {@code untrusted}; trusted keys are release and qa. Expected is the reason code, {@code none}
   * for verified.
   */
  @ParameterizedTest(name = "[{0}] threshold {1} -> {2}")
  @CsvSource({
      "'valid:release replayed:qa', 2, ThresholdNotMet",
      "'valid:release invalid:qa revoked:qa untrusted', 2, ThresholdNotMet",
      "'replayed:qa revoked:release invalid:release untrusted', 1, MessageMismatch",
      "'untrusted invalid:release revoked:qa', 1, SignatureRevoked",
      "'untrusted invalid:release', 1, InvalidSignature",
      "'untrusted', 1, UntrustedKey",
      "'', 1, NoSignature",
      "'replayed:qa error:release', 1, BackendError",
      "'valid:release error:qa', 2, BackendError",
      "'error:qa valid:release', 1, none",
      "'valid:release valid:qa', 2, none"})
  void choosesOneReasonByPrecedence(String kinds, int threshold, String expected) {
    List<SignatureRecord> records = new ArrayList<>();
    int n = 0;
    for (String kind : kinds.isBlank() ? new String[0] : kinds.split(" ")) {
      records.add(record(kind, "sig" + ++n));
    }
    source.add(V1, records.toArray(SignatureRecord[]::new));
    Verdict v = verifier.verify(REPO, V1, trust(threshold, "release", "qa"));
    assertEquals(expected, v.reason() == null ? "none" : v.reason().name(), v.message());
  }

  private SignatureRecord record(String kind, String id) {
    String[] p = kind.split(":");
    String keyName = p.length > 1 ? p[1] : "untrusted";
    return switch (p[0]) {
      case "valid", "untrusted" -> signed(id, keyName, V1);
      case "invalid" -> FakeVault.tampered(signed(id, keyName, V1));
      case "revoked" -> FakeVault.sign(id, keyName, message(V1, keyName, PSS256), "DELETED");
      case "replayed" -> signed(id, keyName, V4);
      case "error" -> {
        vault.failFor(id, 429);
        yield signed(id, keyName, V1);
      }
      default -> throw new IllegalArgumentException(kind);
    };
  }
}
