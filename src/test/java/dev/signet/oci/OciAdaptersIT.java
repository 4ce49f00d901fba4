package dev.signet.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.emulator.DemoSeed;
import dev.signet.emulator.EmulatorSeed;
import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import dev.signet.verify.ImageNotFoundException;
import dev.signet.verify.SignatureRecord;
import dev.signet.verify.TrustedKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapters against {@code oci/adapters-seed.yaml}: prefix-named repositories, tags that are not an image's
 * latest, sub-compartments, paging one item at a time and a disabled key version.
 */
class OciAdaptersIT {
  static final String MAIN = "ocid1.compartment.oc1..ocitestmain";
  static final String CHILD = "ocid1.compartment.oc1..ocitestchild";
  static final String KEY = "ocid1.key.oc1.phx.ocitestvault." + h60("oci-it:key");
  static final String V2 = "ocid1.keyversion.oc1.phx.0.ocitestvault." + h60("oci-it:v2");
  static final Digest WEB_1 = digest("oci-it:web:1.0");
  static final Digest WEB_2 = digest("oci-it:web:2.0");
  static final Digest WORKER_1 = digest("oci-it:web-worker:1.0");
  static final OcirRepository WEB = EmulatorBackend.repository("ocitest", "team/web");
  static final OcirRepository WORKER = EmulatorBackend.repository("ocitest", "team/web-worker");
  static EmulatorBackend backend;
  static OciDigestResolver resolver;
  static OciSignatureSource pagedSignatures;
  static OciImageLookup lookup;

  @BeforeAll
  static void start() throws Exception {
    Path seed = Path.of(Objects.requireNonNull(OciAdaptersIT.class.getResource("/oci/adapters-seed.yaml")).toURI());
    backend = EmulatorBackend.start(EmulatorSeed.load(seed), OciClientSettings.defaults());
    resolver = new OciDigestResolver(backend.clients, 1);
    pagedSignatures = new OciSignatureSource(backend.clients, 1);
    lookup = new OciImageLookup(backend.clients, 1);
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  private static String h60(String s) {
    return DemoSeed.h(s).substring(0, 60);
  }

  private static Digest digest(String s) {
    return Digest.parse("sha256:" + DemoSeed.h(s));
  }

  @Test
  void resolvesTagThatIsNotTheLatestThroughGetContainerImage() throws Exception {
    long gets = backend.calls("GetContainerImage");
    assertEquals(WEB_1, resolver.resolve(WEB, "1.0", MAIN, false));
    assertTrue(backend.calls("GetContainerImage") > gets, "the summary only names 'stable', so the tag is confirmed");
    assertEquals(WEB_1, resolver.resolve(WEB, "stable", MAIN, false));
  }

  @Test
  void resolvesLatestTagFromTheSummaryAlone() throws Exception {
    long gets = backend.calls("GetContainerImage");
    assertEquals(WEB_2, resolver.resolve(WEB, "2.0", MAIN, false));
    assertEquals(gets, backend.calls("GetContainerImage"));
  }

  @Test
  void sameTagInPrefixNamedRepositoryIsKeptApart() throws Exception {
    assertEquals(WORKER_1, resolver.resolve(WORKER, "1.0", MAIN, true));
    assertEquals(WEB_1, resolver.resolve(WEB, "1.0", MAIN, true));
  }

  @Test
  void searchesSubCompartmentsOnlyWhenAsked() throws Exception {
    assertEquals(WORKER_1, resolver.resolve(WORKER, "1.0", CHILD, false));
    assertThrows(ImageNotFoundException.class, () -> resolver.resolve(WORKER, "1.0", MAIN, false));
  }

  @Test
  void followsEveryPageOfSignatures() throws Exception {
    long pages = backend.calls("ListContainerImageSignatures");
    List<SignatureRecord> all = pagedSignatures.list(WEB, WEB_1, MAIN, false);
    assertEquals(3, all.size());
    assertEquals(Set.of("SHA_256_RSA_PKCS_PSS", "SHA_512_RSA_PKCS_PSS"),
        all.stream().map(SignatureRecord::signingAlgorithm).collect(Collectors.toSet()));
    assertEquals(Set.of("AVAILABLE", "DELETED"),
        all.stream().map(SignatureRecord::lifecycleState).collect(Collectors.toSet()));
    assertTrue(backend.calls("ListContainerImageSignatures") - pages >= 3, "one request per signature page");
  }

  @Test
  void signaturesOfThePrefixNamedRepositoryStayApart() throws Exception {
    List<SignatureRecord> worker = pagedSignatures.list(WORKER, WORKER_1, MAIN, true);
    assertEquals(1, worker.size());
    assertTrue(pagedSignatures.list(WEB, WORKER_1, MAIN, true).isEmpty());
  }

  @Test
  void disabledKeyVersionMakesTheSignatureInvalidNotAnError() throws Exception {
    VaultSignatureVerifier verifier = new VaultSignatureVerifier(backend.clients);
    SignatureRecord s = pagedSignatures.list(WEB, WEB_1, MAIN, false).stream()
        .filter(r -> r.lifecycleState().equals("AVAILABLE") && r.signingAlgorithm().equals("SHA_256_RSA_PKCS_PSS"))
        .findFirst().orElseThrow();
    TrustedKey key = new TrustedKey(KEY, Set.of(), null);
    assertTrue(verifier.verify(key, s));
    SignatureRecord onDisabled = new SignatureRecord(s.id(), s.imageId(), s.kmsKeyId(), V2, s.signingAlgorithm(),
        s.message(), s.signature(), s.lifecycleState());
    double clientErrors = backend.recorded("Verify", "client_error");
    assertFalse(verifier.verify(key, onDisabled));
    assertEquals(clientErrors + 1, backend.recorded("Verify", "client_error"));
  }

  @Test
  void findsImageIdOfDigestAcrossPages() throws Exception {
    String id = lookup.findImageId(WEB, WEB_2, MAIN, false);
    assertTrue(id.startsWith("ocid1.containerimage."), id);
    assertFalse(id.equals(lookup.findImageId(WEB, WEB_1, MAIN, false)));
    assertThrows(ImageNotFoundException.class, () -> lookup.findImageId(WEB, WORKER_1, MAIN, true));
  }
}
