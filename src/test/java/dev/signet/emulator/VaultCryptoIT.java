package dev.signet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.bmc.keymanagement.KmsCryptoClient;
import com.oracle.bmc.keymanagement.model.SignDataDetails;
import com.oracle.bmc.keymanagement.model.SignedData;
import com.oracle.bmc.keymanagement.model.VerifyDataDetails;
import com.oracle.bmc.keymanagement.requests.SignRequest;
import com.oracle.bmc.keymanagement.requests.VerifyRequest;
import com.oracle.bmc.model.BmcException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The Vault crypto side of the emulator, driven by the real OCI SDK {@link KmsCryptoClient}. */
class VaultCryptoIT {
  static OciEmulator emu;
  static KmsCryptoClient crypto;
  static final String ALPHA = SeedIds.key("phx", SeedIds.DEFAULT_VAULT, "alpha");
  static final String ALPHA_V1 = SeedIds.keyVersion("phx", SeedIds.DEFAULT_VAULT, "alpha", 1);
  static final String BETA = SeedIds.key("phx", "testvault2", "beta");
  static final String BETA_V1 = SeedIds.keyVersion("phx", "testvault2", "beta", 1);
  static final String BETA_V2 = SeedIds.keyVersion("phx", "testvault2", "beta", 2);
  static final byte[] MESSAGE = "{\"imageDigest\":\"sha256:abc\"}".getBytes(StandardCharsets.UTF_8);

  @BeforeAll
  static void start() throws Exception {
    emu = OciEmulator.start(OciEmulatorIT.testSeed(), "127.0.0.1", 0);
    crypto = SdkClients.crypto(emu, emu.apiKey());
  }

  @AfterAll
  static void stop() {
    crypto.close();
    emu.close();
  }

  static SignedData sign(String keyId, String versionId, byte[] message, SignDataDetails.MessageType type,
      String algorithm) {
    return crypto.sign(SignRequest.builder().signDataDetails(SignDataDetails.builder().keyId(keyId)
        .keyVersionId(versionId).message(Base64.getEncoder().encodeToString(message)).messageType(type)
        .signingAlgorithm(SignDataDetails.SigningAlgorithm.create(algorithm)).build()).build()).getSignedData();
  }

  static boolean verify(String keyId, String versionId, byte[] message, VerifyDataDetails.MessageType type,
      String algorithm, String signature) {
    return crypto.verify(VerifyRequest.builder().verifyDataDetails(VerifyDataDetails.builder().keyId(keyId)
        .keyVersionId(versionId).message(Base64.getEncoder().encodeToString(message)).messageType(type)
        .signingAlgorithm(VerifyDataDetails.SigningAlgorithm.create(algorithm)).signature(signature).build())
        .build()).getVerifiedData().getIsSignatureValid();
  }

  @ParameterizedTest
  @CsvSource({"SHA_224_RSA_PKCS_PSS,SHA-224", "SHA_256_RSA_PKCS_PSS,SHA-256", "SHA_384_RSA_PKCS_PSS,SHA-384",
      "SHA_512_RSA_PKCS_PSS,SHA-512"})
  void signedRawMessageVerifiesWithPssOfTheSameHashAndHashLongSalt(String algorithm, String hash) throws Exception {
    SignedData signed = sign(ALPHA, ALPHA_V1, MESSAGE, SignDataDetails.MessageType.Raw, algorithm);
    assertEquals(ALPHA_V1, signed.getKeyVersionId());
    assertTrue(verify(ALPHA, ALPHA_V1, MESSAGE, VerifyDataDetails.MessageType.Raw, algorithm, signed.getSignature()));

    Signature jdk = Signature.getInstance("RSASSA-PSS");
    int saltLength = MessageDigest.getInstance(hash).getDigestLength();
    jdk.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1));
    jdk.initVerify(emu.publicKey(ALPHA_V1));
    jdk.update(MESSAGE);
    assertTrue(jdk.verify(Base64.getDecoder().decode(signed.getSignature())));
  }

  @ParameterizedTest
  @CsvSource({"SHA_256_RSA_PKCS_PSS,SHA-256", "SHA_512_RSA_PKCS_PSS,SHA-512", "SHA_256_RSA_PKCS1_V1_5,SHA-256"})
  void digestAndRawMessagesAreInterchangeable(String algorithm, String hash) throws Exception {
    byte[] digest = MessageDigest.getInstance(hash).digest(MESSAGE);
    SignedData overDigest = sign(ALPHA, null, digest, SignDataDetails.MessageType.Digest, algorithm);
    assertTrue(verify(ALPHA, ALPHA_V1, MESSAGE, VerifyDataDetails.MessageType.Raw, algorithm,
        overDigest.getSignature()));
    SignedData overRaw = sign(ALPHA, null, MESSAGE, SignDataDetails.MessageType.Raw, algorithm);
    assertTrue(verify(ALPHA, ALPHA_V1, digest, VerifyDataDetails.MessageType.Digest, algorithm,
        overRaw.getSignature()));
  }

  @Test
  void changedMessageOrSignatureDoesNotVerify() {
    String alg = "SHA_256_RSA_PKCS_PSS";
    String sig = sign(ALPHA, ALPHA_V1, MESSAGE, SignDataDetails.MessageType.Raw, alg).getSignature();
    byte[] flipped = Base64.getDecoder().decode(sig);
    flipped[10] ^= 1;
    assertFalse(verify(ALPHA, ALPHA_V1, MESSAGE, VerifyDataDetails.MessageType.Raw, alg,
        Base64.getEncoder().encodeToString(flipped)));
    assertFalse(verify(ALPHA, ALPHA_V1, "other".getBytes(StandardCharsets.UTF_8), VerifyDataDetails.MessageType.Raw,
        alg, sig));
    assertFalse(verify(ALPHA, ALPHA_V1, MESSAGE, VerifyDataDetails.MessageType.Raw, alg, "not base64 at all!"));
    assertFalse(verify(ALPHA, ALPHA_V1, MESSAGE, VerifyDataDetails.MessageType.Raw, "SHA_384_RSA_PKCS_PSS", sig));
  }

  @Test
  void signatureOfOneKeyDoesNotVerifyUnderAnother() {
    String alg = "SHA_256_RSA_PKCS_PSS";
    String sig = sign(ALPHA, null, MESSAGE, SignDataDetails.MessageType.Raw, alg).getSignature();
    assertFalse(verify(BETA, BETA_V1, MESSAGE, VerifyDataDetails.MessageType.Raw, alg, sig));
  }

  @Test
  void unknownKeyIsNotAuthorizedOrNotFound() {
    BmcException e = assertThrows(BmcException.class, () -> sign("ocid1.key.oc1.phx.nope.nope", null, MESSAGE,
        SignDataDetails.MessageType.Raw, "SHA_256_RSA_PKCS_PSS"));
    assertEquals(404, e.getStatusCode());
    assertEquals("NotAuthorizedOrNotFound", e.getServiceCode());
    BmcException v = assertThrows(BmcException.class, () -> verify(ALPHA, BETA_V1, MESSAGE,
        VerifyDataDetails.MessageType.Raw, "SHA_256_RSA_PKCS_PSS", "AAAA"));
    assertEquals(404, v.getStatusCode());
  }

  @Test
  void disabledKeyVersionIsRefusedButOtherVersionsWork() {
    BmcException current = assertThrows(BmcException.class, () -> sign(BETA, null, MESSAGE,
        SignDataDetails.MessageType.Raw, "SHA_256_RSA_PKCS_PSS"));
    assertEquals(409, current.getStatusCode());
    assertEquals("IncorrectState", current.getServiceCode());
    BmcException verify = assertThrows(BmcException.class, () -> verify(BETA, BETA_V2, MESSAGE,
        VerifyDataDetails.MessageType.Raw, "SHA_256_RSA_PKCS_PSS", "AAAA"));
    assertEquals(409, verify.getStatusCode());
    SignedData v1 = sign(BETA, BETA_V1, MESSAGE, SignDataDetails.MessageType.Raw, "SHA_256_RSA_PKCS_PSS");
    assertTrue(verify(BETA, BETA_V1, MESSAGE, VerifyDataDetails.MessageType.Raw, "SHA_256_RSA_PKCS_PSS",
        v1.getSignature()));
  }

  @Test
  void digestOfTheWrongLengthIsInvalidParameter() {
    BmcException e = assertThrows(BmcException.class, () -> sign(ALPHA, null, new byte[31],
        SignDataDetails.MessageType.Digest, "SHA_256_RSA_PKCS_PSS"));
    assertEquals(400, e.getStatusCode());
    assertEquals("InvalidParameter", e.getServiceCode());
  }

  @Test
  void seedSignaturesVerifyInVaultWithTheMessageAsStored() {
    try (var artifacts = SdkClients.artifacts(emu, emu.apiKey())) {
      var items = artifacts.listContainerImageSignatures(
          com.oracle.bmc.artifacts.requests.ListContainerImageSignaturesRequest.builder()
              .compartmentId(OciEmulatorIT.TEAM_A).repositoryName("team-a/web").build())
          .getContainerImageSignatureCollection().getItems();
      assertEquals(3, items.size());
      for (var s : items) {
        boolean valid = crypto.verify(VerifyRequest.builder().verifyDataDetails(VerifyDataDetails.builder()
            .keyId(s.getKmsKeyId()).keyVersionId(s.getKmsKeyVersionId()).message(s.getMessage())
            .messageType(VerifyDataDetails.MessageType.Raw)
            .signingAlgorithm(VerifyDataDetails.SigningAlgorithm.create(s.getSigningAlgorithm().getValue()))
            .signature(s.getSignature()).build()).build()).getVerifiedData().getIsSignatureValid();
        assertTrue(valid, s.getId());
      }
    }
  }
}
