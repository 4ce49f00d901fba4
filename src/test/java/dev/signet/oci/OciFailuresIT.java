package dev.signet.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.emulator.DemoSeed;
import dev.signet.emulator.EmulatorSeed;
import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import dev.signet.verify.BackendException;
import dev.signet.verify.SignatureRecord;
import dev.signet.verify.TrustedKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the adapters and the client configuration behave when OCI fails (emulator faults). */
class OciFailuresIT {
  static final OcirRepository REPO = EmulatorBackend.repository(DemoSeed.NAMESPACE, DemoSeed.REPOSITORY);
  static final Digest V1 = Digest.parse(DemoSeed.digest("v1.0"));
  static final TrustedKey RELEASE = new TrustedKey(DemoSeed.keyId("release"), Set.of(), null);
  static final OciClientSettings FAST = new OciClientSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 2,
      Duration.ofSeconds(2), Duration.ofMillis(50));
  static EmulatorBackend backend;
  static OciDigestResolver resolver;
  static OciSignatureSource signatures;
  static VaultSignatureVerifier verifier;
  static SignatureRecord v1Signature;

  @BeforeAll
  static void start() throws Exception {
    backend = EmulatorBackend.start(EmulatorSeed.demo(), FAST);
    resolver = new OciDigestResolver(backend.clients);
    signatures = new OciSignatureSource(backend.clients);
    verifier = new VaultSignatureVerifier(backend.clients);
    v1Signature = signatures.list(REPO, V1, DemoSeed.COMPARTMENT_ID, false).get(0);
  }

  @AfterEach
  void clearFaults() {
    backend.emulator.clearFaults();
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  @Test
  void throttledVerifyIsABackendErrorAfterTwoAttempts() {
    backend.fault("Verify", 429, 0, 3);
    long before = backend.calls("Verify");
    double throttled = backend.recorded("Verify", "throttled");
    BackendException e = assertThrows(BackendException.class, () -> verifier.verify(RELEASE, v1Signature));
    assertEquals(429, e.status());
    assertEquals("Verify", e.operation());
    assertEquals(2, backend.calls("Verify") - before);
    assertEquals(throttled + 1, backend.recorded("Verify", "throttled"));
  }

  @Test
  void oneServerErrorIsRetriedTransparently() throws Exception {
    backend.fault("ListContainerImages", 503, 0, 1);
    long before = backend.calls("ListContainerImages");
    assertEquals(V1, resolver.resolve(REPO, "v1.0", DemoSeed.COMPARTMENT_ID, false));
    assertEquals(2, backend.calls("ListContainerImages") - before);
  }

  @Test
  void vaultSlowerThanTheReadTimeoutIsABackendErrorWithStatusZero() {
    backend.fault("Verify", 0, 3000, 2);
    long before = backend.calls("Verify");
    double timeouts = backend.recorded("Verify", "timeout");
    BackendException e = assertThrows(BackendException.class, () -> verifier.verify(RELEASE, v1Signature));
    assertEquals(0, e.status());
    assertTrue(e.getMessage().contains("timed out talking to the Vault crypto endpoint"), e.getMessage());
    assertTrue(backend.calls("Verify") - before <= 2);
    assertEquals(timeouts + 1, backend.recorded("Verify", "timeout"));
  }

  @Test
  void noRetryStartsAfterTheRetryBudget() throws Exception {
    OciClientSettings manyAttempts = new OciClientSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 5,
        Duration.ofMillis(300), Duration.ofMillis(10));
    try (OciClients clients = backend.clients(manyAttempts)) {
      backend.fault("ListContainerImageSignatures", 503, 500, -1);
      long before = backend.calls("ListContainerImageSignatures");
      BackendException e = assertThrows(BackendException.class,
          () -> new OciSignatureSource(clients).list(REPO, V1, DemoSeed.COMPARTMENT_ID, false));
      assertEquals(503, e.status());
      assertEquals(1, backend.calls("ListContainerImageSignatures") - before);
    }
  }

  @Test
  void listing404IsABackendErrorNotImageNotFound() {
    backend.fault("ListContainerImages", 404, 0, 1);
    long before = backend.calls("ListContainerImages");
    BackendException e = assertThrows(BackendException.class,
        () -> resolver.resolve(REPO, "v1.0", DemoSeed.COMPARTMENT_ID, false));
    assertEquals(404, e.status());
    assertEquals(1, backend.calls("ListContainerImages") - before, "4xx is not retried");
  }

  @Test
  void unknownCompartmentIsABackendErrorNotImageNotFound() {
    String missing = "ocid1.compartment.oc1..doesnotexist";
    assertEquals(404, assertThrows(BackendException.class,
        () -> resolver.resolve(REPO, "v1.0", missing, true)).status());
    assertEquals(404, assertThrows(BackendException.class,
        () -> signatures.list(REPO, V1, missing, true)).status());
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 404, 500})
  void vaultAuthAndServerErrorsAreBackendErrors(int status) {
    backend.fault("Verify", status, 0, 2);
    BackendException e = assertThrows(BackendException.class, () -> verifier.verify(RELEASE, v1Signature));
    assertEquals(status, e.status());
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 409})
  void vaultRefusingThisSignatureMeansNotValid(int status) throws Exception {
    backend.fault("Verify", status, 0, 1);
    assertFalse(verifier.verify(RELEASE, v1Signature));
  }

  @Test
  void anOutageDoesNotMakeLaterCallsFailWithoutACall() throws Exception {
    backend.fault("Verify", 503, 0, -1);
    for (int i = 0; i < 8; i++) {
      assertEquals(503, assertThrows(BackendException.class, () -> verifier.verify(RELEASE, v1Signature)).status());
    }
    backend.emulator.clearFaults();
    long before = backend.calls("Verify");
    assertTrue(verifier.verify(RELEASE, v1Signature));
    assertEquals(1, backend.calls("Verify") - before);
  }

  @Test
  void keyWithoutDerivableEndpointIsABackendErrorWithoutACall() throws Exception {
    OciEndpoints artifactsOnly = OciEndpoints.parse(List.of(backend.emulator.baseUrl()), List.of());
    try (OciClients clients = new OciClients(backend.auth, artifactsOnly, FAST, backend.registry)) {
      SignatureRecord s = v1Signature;
      SignatureRecord oddKey = new SignatureRecord(s.id(), s.imageId(), "ocid1.key.oc1..nothing", s.kmsKeyVersionId(),
          s.signingAlgorithm(), s.message(), s.signature(), s.lifecycleState());
      long before = backend.calls("Verify");
      BackendException e = assertThrows(BackendException.class, () -> new VaultSignatureVerifier(clients)
          .verify(new TrustedKey("ocid1.key.oc1..nothing", Set.of(), null), oddKey));
      assertEquals(0, e.status());
      assertTrue(e.getMessage().contains("crypto endpoint"), e.getMessage());
      assertEquals(before, backend.calls("Verify"));
    }
  }

  @Test
  void unknownApiKeyIsRejectedWith401() throws Exception {
    Path dir = Files.createTempDirectory("signet-oci-wrong-key");
    Path config = backend.emulator.writeOciConfig(dir);
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(gen.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    OciAuth wrong = OciAuth.create(OciAuthOptions.configFile(config, null, null));
    try (OciClients clients = new OciClients(wrong, backend.endpoints, FAST, backend.registry)) {
      BackendException e = assertThrows(BackendException.class,
          () -> new OciSignatureSource(clients).list(REPO, V1, DemoSeed.COMPARTMENT_ID, false));
      assertEquals(401, e.status());
      assertTrue(e.getMessage().contains("credentials"), e.getMessage());
    }
  }

  @Test
  void refusedConnectionIsReportedAsConnectionRefusedWithoutJavaInternals() throws Exception {
    int closedPort;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    OciEndpoints nowhere = OciEndpoints.allAt("http://127.0.0.1:" + closedPort);
    try (OciClients refused = new OciClients(backend.auth, nowhere, FAST, backend.registry)) {
      BackendException e = assertThrows(BackendException.class,
          () -> new OciDigestResolver(refused).resolve(REPO, "v1.0", DemoSeed.COMPARTMENT_ID, false));
      assertEquals(0, e.status());
      assertTrue(e.getMessage().contains("connection refused by 127.0.0.1:" + closedPort), e.getMessage());
      assertTrue(!e.getMessage().contains("Exception") && !e.getMessage().contains("org."), e.getMessage());
    }
  }
}
