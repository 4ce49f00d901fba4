package dev.signet.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.emulator.DemoSeed;
import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import dev.signet.verify.BackendException;
import dev.signet.verify.ImageNotFoundException;
import dev.signet.verify.SignatureRecord;
import dev.signet.verify.SignedMessage;
import dev.signet.verify.TrustedKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The signing side ({@code signet sign}): find the image, Vault Sign, CreateContainerImageSignature, then verify. */
class OciSigningIT {
  static final OcirRepository REPO = EmulatorBackend.repository(DemoSeed.NAMESPACE, DemoSeed.REPOSITORY);
  static EmulatorBackend backend;

  @BeforeAll
  static void start() {
    backend = EmulatorBackend.startDemo();
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  @Test
  void signedAndUploadedSignatureIsListedAndVerifies() throws Exception {
    Digest digest = Digest.parse(DemoSeed.digest("v2.0-unsigned"));
    String imageId = new OciImageLookup(backend.clients).findImageId(REPO, digest, DemoSeed.COMPARTMENT_ID, false);
    String key = DemoSeed.keyId("qa");
    String version = DemoSeed.keyVersionId("qa");
    String message = new SignedMessage("ci", digest.toString(), key, version, "{\"buildNumber\":\"9\"}",
        "us-phoenix-1", DemoSeed.REPOSITORY, "SHA_384_RSA_PKCS_PSS").toBase64();
    String signature = new VaultSigner(backend.clients).sign(key, version, "SHA_384_RSA_PKCS_PSS", message, null);

    SignatureRecord stored = new OciSignatureWriter(backend.clients).upload("us-phoenix-1", DemoSeed.COMPARTMENT_ID,
        new SignatureRecord(null, imageId, key, version, "SHA_384_RSA_PKCS_PSS", message, signature, null));
    assertTrue(stored.id().startsWith("ocid1.containerimagesignature."), stored.id());
    assertEquals("AVAILABLE", stored.lifecycleState());
    assertEquals(message, stored.message());

    List<SignatureRecord> listed = new OciSignatureSource(backend.clients)
        .list(REPO, digest, DemoSeed.COMPARTMENT_ID, false);
    assertEquals(List.of(stored), listed);
    assertTrue(new VaultSignatureVerifier(backend.clients).verify(new TrustedKey(key, Set.of(version), null),
        listed.get(0)));
    assertEquals(1, backend.recorded("Sign", "ok"));
    assertEquals(1, backend.recorded("CreateContainerImageSignature", "ok"));
  }

  @Test
  void lookupOfUnknownDigestIsImageNotFound() {
    assertThrows(ImageNotFoundException.class, () -> new OciImageLookup(backend.clients)
        .findImageId(REPO, Digest.parse("sha256:" + "1".repeat(64)), DemoSeed.COMPARTMENT_ID, true));
  }

  @Test
  void vaultRefusalToSignIsABackendError() {
    backend.fault("Sign", 409, 0, 1);
    try {
      BackendException e = assertThrows(BackendException.class, () -> new VaultSigner(backend.clients)
          .sign(DemoSeed.keyId("qa"), DemoSeed.keyVersionId("qa"), "SHA_256_RSA_PKCS_PSS", "e30=", null));
      assertEquals(409, e.status());
    } finally {
      backend.emulator.clearFaults();
    }
  }

  @Test
  void unknownSigningAlgorithmIsRejectedBeforeAnyCall() {
    assertThrows(IllegalArgumentException.class, () -> new VaultSigner(backend.clients)
        .sign(DemoSeed.keyId("qa"), DemoSeed.keyVersionId("qa"), "MD5_RSA", "e30=", null));
  }
}
