package dev.signet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.bmc.artifacts.ArtifactsClient;
import com.oracle.bmc.artifacts.model.ContainerImageSignature;
import com.oracle.bmc.artifacts.model.ContainerImageSignatureSummary;
import com.oracle.bmc.artifacts.model.ContainerImageSummary;
import com.oracle.bmc.artifacts.requests.ListContainerImageSignaturesRequest;
import com.oracle.bmc.artifacts.requests.ListContainerImagesRequest;
import com.oracle.bmc.keymanagement.KmsCryptoClient;
import com.oracle.bmc.keymanagement.model.VerifyDataDetails;
import com.oracle.bmc.keymanagement.requests.VerifyRequest;
import dev.signet.verify.SignedMessage;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The demo seed of DESIGN §9 as the real SDK sees it. */
class DemoSeedIT {
  static OciEmulator emu;
  static ArtifactsClient artifacts;
  static KmsCryptoClient crypto;

  @BeforeAll
  static void start() {
    emu = OciEmulator.start(EmulatorSeed.demo(), "127.0.0.1", 0);
    artifacts = SdkClients.artifacts(emu, emu.apiKey());
    crypto = SdkClients.crypto(emu, emu.apiKey());
  }

  @AfterAll
  static void stop() {
    artifacts.close();
    crypto.close();
    emu.close();
  }

  static List<String> tags() {
    return DemoSeed.TAGS;
  }

  static List<ContainerImageSignatureSummary> signatures(String tag) {
    return artifacts.listContainerImageSignatures(ListContainerImageSignaturesRequest.builder()
        .compartmentId(DemoSeed.COMPARTMENT_ID).repositoryName(DemoSeed.REPOSITORY).imageDigest(DemoSeed.digest(tag))
        .build()).getContainerImageSignatureCollection().getItems();
  }

  static boolean vaultSaysValid(ContainerImageSignatureSummary s) {
    return crypto.verify(VerifyRequest.builder().verifyDataDetails(VerifyDataDetails.builder().keyId(s.getKmsKeyId())
        .keyVersionId(s.getKmsKeyVersionId()).message(s.getMessage()).messageType(VerifyDataDetails.MessageType.Raw)
        .signingAlgorithm(VerifyDataDetails.SigningAlgorithm.create(s.getSigningAlgorithm().getValue()))
        .signature(s.getSignature()).build()).build()).getVerifiedData().getIsSignatureValid();
  }

  @ParameterizedTest
  @MethodSource("tags")
  void everyDemoTagResolvesToItsDerivedDigest(String tag) {
    List<ContainerImageSummary> found = artifacts.listContainerImages(ListContainerImagesRequest.builder()
        .compartmentId(DemoSeed.COMPARTMENT_ID).repositoryName(DemoSeed.REPOSITORY).version(tag).build())
        .getContainerImageCollection().getItems();
    assertEquals(1, found.size());
    assertEquals(DemoSeed.digest(tag), found.get(0).getDigest());
    assertEquals(tag, found.get(0).getVersion());
  }

  @Test
  void v1IsSignedByReleaseWithTheCliMessage() {
    List<ContainerImageSignatureSummary> sigs = signatures("v1.0");
    assertEquals(1, sigs.size());
    ContainerImageSignatureSummary s = sigs.get(0);
    assertEquals(DemoSeed.keyId("release"), s.getKmsKeyId());
    assertEquals(DemoSeed.keyVersionId("release"), s.getKmsKeyVersionId());
    assertEquals(ContainerImageSignature.LifecycleState.Available, s.getLifecycleState());
    String expected = new SignedMessage("demo", DemoSeed.digest("v1.0"), DemoSeed.keyId("release"),
        DemoSeed.keyVersionId("release"), "", DemoSeed.REGION, DemoSeed.REPOSITORY, "SHA_256_RSA_PKCS_PSS").toBase64();
    assertEquals(expected, s.getMessage());
    assertTrue(vaultSaysValid(s));
  }

  @Test
  void v2HasNoSignature() {
    assertTrue(signatures("v2.0-unsigned").isEmpty());
  }

  @Test
  void v3IsValidlySignedByTheUntrustedKey() {
    List<ContainerImageSignatureSummary> sigs = signatures("v3.0-untrusted");
    assertEquals(1, sigs.size());
    assertEquals(DemoSeed.keyId("untrusted"), sigs.get(0).getKmsKeyId());
    assertTrue(vaultSaysValid(sigs.get(0)));
  }

  @Test
  void v4CarriesACopyOfV1sMessageAndSignature() {
    ContainerImageSignatureSummary replay = signatures("v4.0-replayed").get(0);
    ContainerImageSignatureSummary original = signatures("v1.0").get(0);
    assertEquals(original.getMessage(), replay.getMessage());
    assertEquals(original.getSignature(), replay.getSignature());
    assertEquals(DemoSeed.digest("v1.0"), SignedMessage.decode(replay.getMessage()).imageDigest());
    assertTrue(vaultSaysValid(replay));
  }

  @Test
  void v5SignatureIsDeleted() {
    List<ContainerImageSignatureSummary> sigs = signatures("v5.0-revoked");
    assertEquals(1, sigs.size());
    assertEquals(ContainerImageSignature.LifecycleState.Deleted, sigs.get(0).getLifecycleState());
    assertEquals(DemoSeed.keyId("release"), sigs.get(0).getKmsKeyId());
  }

  @Test
  void v6SignatureNamesItsImageButDoesNotVerify() {
    ContainerImageSignatureSummary s = signatures("v6.0-tampered").get(0);
    assertEquals(DemoSeed.digest("v6.0-tampered"), SignedMessage.decode(s.getMessage()).imageDigest());
    assertEquals(DemoSeed.keyId("release"), s.getKmsKeyId());
    assertFalse(vaultSaysValid(s));
  }

  @Test
  void v7IsSignedByReleaseAndQa() {
    List<ContainerImageSignatureSummary> sigs = signatures("v7.0-two-keys");
    assertEquals(Set.of(DemoSeed.keyId("release"), DemoSeed.keyId("qa")),
        sigs.stream().map(ContainerImageSignatureSummary::getKmsKeyId).collect(Collectors.toSet()));
    sigs.forEach(s -> assertTrue(vaultSaysValid(s), s.getKmsKeyId()));
  }
}
