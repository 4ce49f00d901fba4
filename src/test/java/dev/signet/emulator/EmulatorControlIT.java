package dev.signet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oracle.bmc.ConfigFileReader;
import com.oracle.bmc.artifacts.ArtifactsClient;
import com.oracle.bmc.artifacts.requests.ListContainerImagesRequest;
import com.oracle.bmc.auth.ConfigFileAuthenticationDetailsProvider;
import com.oracle.bmc.http.signing.DefaultRequestSigner;
import com.oracle.bmc.http.signing.RequestSigner;
import com.oracle.bmc.keymanagement.KmsCryptoClient;
import com.oracle.bmc.keymanagement.model.VerifyDataDetails;
import com.oracle.bmc.keymanagement.requests.VerifyRequest;
import com.oracle.bmc.model.BmcException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request-signature checks, statistics and fault injection of the emulator. */
class EmulatorControlIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String COMPARTMENT = DemoSeed.COMPARTMENT_ID;
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

  @BeforeEach
  void reset() {
    emu.clearFaults();
    emu.resetStats();
  }

  static int listImages() {
    return artifacts.listContainerImages(ListContainerImagesRequest.builder().compartmentId(COMPARTMENT).build())
        .getContainerImageCollection().getItems().size();
  }

  static boolean verifyGarbage() {
    return crypto.verify(VerifyRequest.builder().verifyDataDetails(VerifyDataDetails.builder()
        .keyId(DemoSeed.keyId("release")).keyVersionId(DemoSeed.keyVersionId("release")).message("bWVzc2FnZQ==")
        .messageType(VerifyDataDetails.MessageType.Raw)
        .signingAlgorithm(VerifyDataDetails.SigningAlgorithm.Sha256RsaPkcsPss).signature("c2ln").build()).build())
        .getVerifiedData().getIsSignatureValid();
  }

  static HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emu.baseUrl() + path)).header("content-type",
        "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static ApiKey foreignKey(String fingerprint) throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    KeyPair pair = gen.generateKeyPair();
    String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    String fp = fingerprint != null ? fingerprint : GeneratedApiKey.fingerprint(pair.getPublic());
    return new ApiKey(emu.apiKey().tenancyId(), emu.apiKey().userId(), fp, pem, "us-phoenix-1");
  }

  @Test
  void rejectsARequestSignedWithAnUnknownKey() throws Exception {
    try (ArtifactsClient stranger = SdkClients.artifacts(emu, foreignKey(null))) {
      BmcException e = assertThrows(BmcException.class, () -> stranger.listContainerImages(
          ListContainerImagesRequest.builder().compartmentId(COMPARTMENT).build()));
      assertEquals(401, e.getStatusCode());
      assertEquals("NotAuthenticated", e.getServiceCode());
    }
  }

  @Test
  void rejectsARequestSignedWithAnotherPrivateKeyUnderTheKnownKeyId() throws Exception {
    try (KmsCryptoClient forger = SdkClients.crypto(emu, foreignKey(emu.apiKey().fingerprint()))) {
      BmcException e = assertThrows(BmcException.class, () -> forger.verify(VerifyRequest.builder()
          .verifyDataDetails(VerifyDataDetails.builder().keyId(DemoSeed.keyId("release")).message("bWVzc2FnZQ==")
              .signingAlgorithm(VerifyDataDetails.SigningAlgorithm.Sha256RsaPkcsPss).signature("c2ln").build())
          .build()));
      assertEquals(401, e.getStatusCode());
    }
  }

  @Test
  void unsignedRequestGetsAnOciErrorBodyAndRequestId() throws Exception {
    HttpResponse<String> r = send("GET", "/20160918/container/images?compartmentId=" + COMPARTMENT, null);
    assertEquals(401, r.statusCode());
    JsonNode body = JSON.readTree(r.body());
    assertEquals("NotAuthenticated", body.get("code").asText());
    assertFalse(body.get("message").asText().isBlank());
    assertTrue(r.headers().firstValue("opc-request-id").isPresent());
  }

  @Test
  void rejectsAStaleDate() throws Exception {
    String old = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(6));
    HttpResponse<String> r = signedSend("GET", "/20160918/container/images?compartmentId=" + COMPARTMENT, null,
        Map.of("date", List.of(old)));
    assertEquals(401, r.statusCode(), r.body());
    HttpResponse<String> fresh = signedSend("GET", "/20160918/container/images?compartmentId=" + COMPARTMENT, null,
        Map.of());
    assertEquals(200, fresh.statusCode(), fresh.body());
  }

  @Test
  void rejectsABodyThatDoesNotMatchItsSignedHash() throws Exception {
    String signedBody = "{\"keyId\":\"" + DemoSeed.keyId("release") + "\",\"message\":\"bWVzc2FnZQ==\","
        + "\"signingAlgorithm\":\"SHA_256_RSA_PKCS_PSS\",\"signature\":\"c2ln\"}";
    Map<String, String> headers = signer().signRequest(URI.create(emu.baseUrl() + "/20180608/verify"), "POST",
        Map.of("content-type", List.of("application/json")), signedBody);
    String otherBody = signedBody.replace("c2ln", "c2lo");
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/20180608/verify"))
        .POST(HttpRequest.BodyPublishers.ofString(otherBody)).header("content-type", "application/json");
    headers.forEach((k, v) -> {
      if (!k.equalsIgnoreCase("host") && !k.equalsIgnoreCase("content-length")) {
        b.header(k, v);
      }
    });
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, r.statusCode(), r.body());
  }

  private static RequestSigner signer() {
    return DefaultRequestSigner.createRequestSigner(SdkClients.auth(emu.apiKey()));
  }

  private static HttpResponse<String> signedSend(String method, String path, String body,
      Map<String, List<String>> extra) throws Exception {
    URI uri = URI.create(emu.baseUrl() + path);
    Map<String, List<String>> in = new HashMap<>(extra);
    Map<String, String> headers = signer().signRequest(uri, method, in, body);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
    extra.forEach((k, v) -> b.header(k, v.get(0)));
    headers.forEach((k, v) -> {
      if (!k.equalsIgnoreCase("host") && !k.equalsIgnoreCase("content-length")) {
        b.header(k, v);
      }
    });
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void countsRequestsPerOperationIncludingRejectedOnes() throws Exception {
    listImages();
    listImages();
    verifyGarbage();
    send("GET", "/20160918/container/images?compartmentId=" + COMPARTMENT, null);
    Map<String, Long> expected = Map.of("ListContainerImages", 3L, "Verify", 1L);
    assertEquals(expected, emu.stats());
    JsonNode stats = JSON.readTree(send("GET", "/_emulator/stats", null).body());
    assertEquals(3, stats.get("ListContainerImages").asLong());
    assertEquals(1, stats.get("Verify").asLong());
    assertEquals(2, stats.size());
    assertEquals(204, send("POST", "/_emulator/stats/reset", null).statusCode());
    assertEquals(Map.of(), emu.stats());
  }

  @Test
  void injectedThrottlingLastsForCountRequests() throws Exception {
    HttpResponse<String> added = send("POST", "/_emulator/faults",
        "{\"operation\":\"Verify\",\"status\":429,\"latencyMs\":0,\"count\":2}");
    assertEquals(200, added.statusCode(), added.body());
    for (int i = 0; i < 2; i++) {
      BmcException e = assertThrows(BmcException.class, EmulatorControlIT::verifyGarbage);
      assertEquals(429, e.getStatusCode());
      assertEquals("TooManyRequests", e.getServiceCode());
    }
    assertFalse(verifyGarbage());
    assertEquals(Map.of("Verify", 3L), emu.stats());
  }

  @Test
  void faultsForDifferentOperationsCoexistUntilCleared() throws Exception {
    send("POST", "/_emulator/faults", "{\"operation\":\"ListContainerImages\",\"status\":500,\"count\":-1}");
    send("POST", "/_emulator/faults", "{\"operation\":\"Verify\",\"status\":503,\"count\":-1}");
    for (int i = 0; i < 3; i++) {
      assertEquals(500, assertThrows(BmcException.class, EmulatorControlIT::listImages).getStatusCode());
    }
    assertEquals(503, assertThrows(BmcException.class, EmulatorControlIT::verifyGarbage).getStatusCode());
    assertEquals(204, send("DELETE", "/_emulator/faults", null).statusCode());
    assertEquals(7, listImages());
    assertFalse(verifyGarbage());
  }

  @Test
  void latencyOnlyFaultDelaysButAnswers() {
    emu.addFault(new EmulatorFault("ListContainerImages", 0, 300, 1));
    long start = System.nanoTime();
    assertEquals(7, listImages());
    assertTrue((System.nanoTime() - start) / 1_000_000 >= 300, "the answer came before the injected latency");
    assertEquals(Map.of("ListContainerImages", 1L), emu.stats());
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "[]", "{\"status\":429}", "{\"operation\":\"Nope\",\"status\":429}",
      "{\"operation\":\"Verify\",\"status\":200}", "{\"operation\":\"Verify\",\"status\":429,\"count\":0}",
      "{\"operation\":\"Verify\",\"status\":\"429\"}", "{\"operation\":\"Verify\",\"status\":429,\"colour\":1}",
      "{\"operation\":\"Verify\"}", "{\"operation\":\"Verify\",\"latencyMs\":-5}"})
  void badFaultBodyIsInvalidParameter(String body) throws Exception {
    HttpResponse<String> r = send("POST", "/_emulator/faults", body);
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("InvalidParameter", JSON.readTree(r.body()).get("code").asText());
    assertFalse(verifyGarbage());
  }

  @Test
  void unknownPathIsAnOciNotFound() throws Exception {
    HttpResponse<String> r = send("GET", "/20160918/container/nothing", null);
    assertEquals(404, r.statusCode());
    assertEquals("NotAuthorizedOrNotFound", JSON.readTree(r.body()).get("code").asText());
  }

  @Test
  void writtenOciConfigWorksWithTheSdkConfigFileProvider(@TempDir Path dir) throws Exception {
    Path config = emu.writeOciConfig(dir.resolve("oci"));
    Path key = dir.resolve("oci/key.pem");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertTrue(Files.readString(key, StandardCharsets.UTF_8).startsWith("-----BEGIN PRIVATE KEY-----"));
    ConfigFileAuthenticationDetailsProvider provider = new ConfigFileAuthenticationDetailsProvider(
        ConfigFileReader.parse(config.toString(), "DEFAULT"));
    assertEquals(emu.apiKey().fingerprint(), provider.getFingerprint());
    try (ArtifactsClient client = ArtifactsClient.builder().endpoint(emu.baseUrl()).configuration(SdkClients.config())
        .build(provider)) {
      assertNotNull(client.listContainerImages(ListContainerImagesRequest.builder().compartmentId(COMPARTMENT)
          .build()).getOpcRequestId());
    }
  }
}
