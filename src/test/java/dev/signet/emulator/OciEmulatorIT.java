package dev.signet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.bmc.artifacts.ArtifactsClient;
import com.oracle.bmc.artifacts.model.ContainerImageSignature;
import com.oracle.bmc.artifacts.model.ContainerImageSignatureSummary;
import com.oracle.bmc.artifacts.model.ContainerImageSummary;
import com.oracle.bmc.artifacts.model.ContainerVersion;
import com.oracle.bmc.artifacts.model.CreateContainerImageSignatureDetails;
import com.oracle.bmc.artifacts.requests.CreateContainerImageSignatureRequest;
import com.oracle.bmc.artifacts.requests.DeleteContainerImageSignatureRequest;
import com.oracle.bmc.artifacts.requests.GetContainerImageRequest;
import com.oracle.bmc.artifacts.requests.GetContainerImageSignatureRequest;
import com.oracle.bmc.artifacts.requests.ListContainerImageSignaturesRequest;
import com.oracle.bmc.artifacts.requests.ListContainerImagesRequest;
import com.oracle.bmc.artifacts.responses.ListContainerImageSignaturesResponse;
import com.oracle.bmc.artifacts.responses.ListContainerImagesResponse;
import com.oracle.bmc.model.BmcException;
import dev.signet.verify.SignedMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Artifacts side of the emulator, driven by the real OCI SDK {@link ArtifactsClient}. */
class OciEmulatorIT {
  static OciEmulator emu;
  static ArtifactsClient artifacts;
  static final String ROOT = SeedIds.compartment("root-team");
  static final String TEAM_A = SeedIds.compartment("team-a");
  static final String OTHER = SeedIds.compartment("other");

  @BeforeAll
  static void start() throws Exception {
    emu = OciEmulator.start(testSeed(), "127.0.0.1", 0);
    artifacts = SdkClients.artifacts(emu, emu.apiKey());
  }

  @AfterAll
  static void stop() {
    artifacts.close();
    emu.close();
  }

  @BeforeEach
  void reset() {
    emu.clearFaults();
    emu.resetStats();
  }

  static EmulatorSeed testSeed() throws Exception {
    try (InputStream in = OciEmulatorIT.class.getResourceAsStream("/emulator/test-seed.yaml")) {
      return EmulatorSeed.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "test-seed.yaml");
    }
  }

  static List<ContainerImageSummary> images(ListContainerImagesRequest.Builder b) {
    return artifacts.listContainerImages(b.build()).getContainerImageCollection().getItems();
  }

  @Test
  void findsImageByAnyTagButSummaryVersionIsTheLatestTag() {
    List<ContainerImageSummary> found = images(ListContainerImagesRequest.builder().compartmentId(TEAM_A)
        .repositoryName("team-a/web").version("1.1"));
    assertEquals(1, found.size());
    assertEquals("stable", found.get(0).getVersion());
    assertEquals(SeedIds.digest("team-a/web", "1.0"), found.get(0).getDigest());
    assertEquals("team-a/web", found.get(0).getRepositoryName());
  }

  @Test
  void getImageListsEveryTagInVersions() {
    String id = images(ListContainerImagesRequest.builder().compartmentId(TEAM_A).repositoryName("team-a/web")
        .version("1.0")).get(0).getId();
    List<String> tags = artifacts.getContainerImage(GetContainerImageRequest.builder().imageId(id).build())
        .getContainerImage().getVersions().stream().map(ContainerVersion::getVersion).toList();
    assertEquals(List.of("1.0", "1.1", "stable"), tags);
  }

  @Test
  void repositoryNameIsExactUnlessItEndsWithAWildcard() {
    List<ContainerImageSummary> exact = images(ListContainerImagesRequest.builder().compartmentId(TEAM_A)
        .repositoryName("team-a/web").version("1.0"));
    List<ContainerImageSummary> wildcard = images(ListContainerImagesRequest.builder().compartmentId(TEAM_A)
        .repositoryName("team-a/web*").version("1.0"));
    assertEquals(Set.of("team-a/web"), repos(exact));
    assertEquals(Set.of("team-a/web", "team-a/web-worker"), repos(wildcard));
  }

  @Test
  void compartmentSubtreeIncludesChildCompartmentsOnly() {
    assertEquals(0, images(ListContainerImagesRequest.builder().compartmentId(ROOT)).size());
    List<ContainerImageSummary> subtree = images(ListContainerImagesRequest.builder().compartmentId(ROOT)
        .compartmentIdInSubtree(true));
    assertEquals(Set.of("team-a/web", "team-a/web-worker"), repos(subtree));
    assertEquals(Set.of("other/app"), repos(images(ListContainerImagesRequest.builder().compartmentId(OTHER))));
  }

  @Test
  void pagesImagesWithOpcNextPage() {
    List<String> ids = new ArrayList<>();
    String page = null;
    int calls = 0;
    do {
      ListContainerImagesResponse r = artifacts.listContainerImages(ListContainerImagesRequest.builder()
          .compartmentId(TEAM_A).limit(1).page(page).build());
      r.getContainerImageCollection().getItems().forEach(i -> ids.add(i.getId()));
      page = r.getOpcNextPage();
      calls++;
    } while (page != null);
    assertEquals(3, ids.size());
    assertEquals(3, new HashSet<>(ids).size());
    assertEquals(3, calls);
  }

  @Test
  void pagesSignaturesWithOpcNextPage() {
    List<ContainerImageSignatureSummary> all = new ArrayList<>();
    String page = null;
    do {
      ListContainerImageSignaturesResponse r = artifacts.listContainerImageSignatures(
          ListContainerImageSignaturesRequest.builder().compartmentId(ROOT).compartmentIdInSubtree(true)
              .repositoryName("team-a/web").imageDigest(SeedIds.digest("team-a/web", "1.0")).limit(1).page(page)
              .build());
      assertTrue(r.getContainerImageSignatureCollection().getItems().size() <= 1);
      all.addAll(r.getContainerImageSignatureCollection().getItems());
      page = r.getOpcNextPage();
    } while (page != null);
    assertEquals(3, all.size());
    assertEquals(3, all.stream().map(ContainerImageSignatureSummary::getId).distinct().count());
    assertEquals(Set.of("SHA_256_RSA_PKCS_PSS", "SHA_512_RSA_PKCS_PSS"),
        all.stream().map(s -> s.getSigningAlgorithm().getValue()).collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void seedSignatureMessageIsTheCliMessageOfThatImage() {
    ContainerImageSignatureSummary s = artifacts.listContainerImageSignatures(ListContainerImageSignaturesRequest
        .builder().compartmentId(TEAM_A).repositoryName("team-a/web")
        .imageDigest(SeedIds.digest("team-a/web", "1.0"))
        .signingAlgorithm(ListContainerImageSignaturesRequest.SigningAlgorithm.Sha256RsaPkcsPss)
        .kmsKeyId(SeedIds.key("phx", SeedIds.DEFAULT_VAULT, "alpha")).sortBy(
            ListContainerImageSignaturesRequest.SortBy.Timecreated).sortOrder(
            ListContainerImageSignaturesRequest.SortOrder.Asc).build())
        .getContainerImageSignatureCollection().getItems().get(0);
    SignedMessage expected = new SignedMessage("first", SeedIds.digest("team-a/web", "1.0"), s.getKmsKeyId(),
        s.getKmsKeyVersionId(), "{\"buildNumber\":\"7\"}", "us-phoenix-1", "team-a/web", "SHA_256_RSA_PKCS_PSS");
    assertEquals(expected.toBase64(), s.getMessage());
    assertEquals(ContainerImageSignature.LifecycleState.Available, s.getLifecycleState());
  }

  @Test
  void createsGetsAndDeletesASignature() {
    String imageId = images(ListContainerImagesRequest.builder().compartmentId(OTHER).repositoryName("other/app"))
        .get(0).getId();
    String message = new SignedMessage("ci", SeedIds.digest("other/app", "1.0"), "ocid1.key.oc1.phx.x.y",
        "ocid1.keyversion.oc1.phx.0.x.y", "", "us-phoenix-1", "other/app", "SHA_384_RSA_PKCS_PSS").toBase64();
    ContainerImageSignature created = artifacts.createContainerImageSignature(CreateContainerImageSignatureRequest
        .builder().createContainerImageSignatureDetails(CreateContainerImageSignatureDetails.builder()
            .compartmentId(OTHER).imageId(imageId).kmsKeyId("ocid1.key.oc1.phx.x.y")
            .kmsKeyVersionId("ocid1.keyversion.oc1.phx.0.x.y").message(message).signature("c2lnbmF0dXJl")
            .signingAlgorithm(CreateContainerImageSignatureDetails.SigningAlgorithm.Sha384RsaPkcsPss).build())
        .build()).getContainerImageSignature();
    assertEquals(ContainerImageSignature.LifecycleState.Available, created.getLifecycleState());
    assertEquals(message, created.getMessage());
    assertEquals(imageId, created.getImageId());
    List<ContainerImageSignatureSummary> listed = artifacts.listContainerImageSignatures(
        ListContainerImageSignaturesRequest.builder().compartmentId(OTHER).imageId(imageId).build())
        .getContainerImageSignatureCollection().getItems();
    assertTrue(listed.stream().anyMatch(s -> s.getId().equals(created.getId())));

    artifacts.deleteContainerImageSignature(DeleteContainerImageSignatureRequest.builder()
        .imageSignatureId(created.getId()).build());
    ContainerImageSignature after = artifacts.getContainerImageSignature(GetContainerImageSignatureRequest.builder()
        .imageSignatureId(created.getId()).build()).getContainerImageSignature();
    assertEquals(ContainerImageSignature.LifecycleState.Deleted, after.getLifecycleState());
    BmcException again = assertThrows(BmcException.class, () -> artifacts.deleteContainerImageSignature(
        DeleteContainerImageSignatureRequest.builder().imageSignatureId(created.getId()).build()));
    assertEquals(404, again.getStatusCode());
  }

  @Test
  void createRejectsAnUnknownImageAndABadAlgorithm() {
    BmcException unknown = assertThrows(BmcException.class, () -> artifacts.createContainerImageSignature(
        CreateContainerImageSignatureRequest.builder().createContainerImageSignatureDetails(
            CreateContainerImageSignatureDetails.builder().compartmentId(OTHER)
                .imageId("ocid1.containerimage.oc1.phx.0.testtenancy.nope").kmsKeyId("k").kmsKeyVersionId("v")
                .message("bWVzc2FnZQ==").signature("c2ln")
                .signingAlgorithm(CreateContainerImageSignatureDetails.SigningAlgorithm.Sha256RsaPkcsPss).build())
            .build()));
    assertEquals(404, unknown.getStatusCode());
    assertEquals("NotAuthorizedOrNotFound", unknown.getServiceCode());
    assertNotNull(unknown.getOpcRequestId());
  }

  @Test
  void unknownImageIsNotAuthorizedOrNotFound() {
    BmcException e = assertThrows(BmcException.class, () -> artifacts.getContainerImage(
        GetContainerImageRequest.builder().imageId("ocid1.containerimage.oc1.phx.0.testtenancy.missing").build()));
    assertEquals(404, e.getStatusCode());
    assertEquals("NotAuthorizedOrNotFound", e.getServiceCode());
  }

  @Test
  void listWithoutMatchesIsEmptyWithoutNextPage() {
    ListContainerImagesResponse r = artifacts.listContainerImages(ListContainerImagesRequest.builder()
        .compartmentId(TEAM_A).repositoryName("team-a/web").version("9.9").build());
    assertTrue(r.getContainerImageCollection().getItems().isEmpty());
    assertNull(r.getOpcNextPage());
    assertFalse(r.getOpcRequestId().isBlank());
  }

  @Test
  void unknownCompartmentIsNotAuthorizedOrNotFound() {
    BmcException e = assertThrows(BmcException.class, () -> artifacts.listContainerImages(
        ListContainerImagesRequest.builder().compartmentId("ocid1.compartment.oc1..unknown").build()));
    assertEquals(404, e.getStatusCode());
    assertEquals("NotAuthorizedOrNotFound", e.getServiceCode());
  }

  @Test
  void deleteWithAStaleEtagIsRefused() {
    ContainerImageSignatureSummary s = artifacts.listContainerImageSignatures(ListContainerImageSignaturesRequest
        .builder().compartmentId(OTHER).build()).getContainerImageSignatureCollection().getItems().get(0);
    BmcException e = assertThrows(BmcException.class, () -> artifacts.deleteContainerImageSignature(
        DeleteContainerImageSignatureRequest.builder().imageSignatureId(s.getId()).ifMatch("stale").build()));
    assertEquals(412, e.getStatusCode());
    String etag = artifacts.getContainerImageSignature(GetContainerImageSignatureRequest.builder()
        .imageSignatureId(s.getId()).build()).getEtag();
    assertEquals(ContainerImageSignature.LifecycleState.Available, artifacts.getContainerImageSignature(
        GetContainerImageSignatureRequest.builder().imageSignatureId(s.getId()).build())
        .getContainerImageSignature().getLifecycleState());
    assertNotNull(etag);
  }

  @Test
  void refusesToStartOnAPortInUse() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> OciEmulator.start(EmulatorSeed.parse("region: us-phoenix-1\ntenancyNamespace: t\n", "tiny"),
            "127.0.0.1", emu.port()));
    assertTrue(e.getMessage().contains(Integer.toString(emu.port())), e.getMessage());
  }

  private static Set<String> repos(List<ContainerImageSummary> images) {
    Set<String> out = new HashSet<>();
    images.forEach(i -> out.add(i.getRepositoryName()));
    return out;
  }
}
