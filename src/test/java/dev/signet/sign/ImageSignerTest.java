package dev.signet.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import dev.signet.verify.SignatureRecord;
import dev.signet.verify.SignedMessage;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The message path of {@code signet sign}: what {@link ImageSigner} hands to Vault Sign and to the upload. */
class ImageSignerTest {
  static final OcirRepository REPO = new OcirRepository("us-phoenix-1", "phx", "phx.ocir.io", "demotenancy",
      "project01/acme-web-app");
  static final String KEY = "ocid1.key.oc1.phx.bbdemovault1a." + "a".repeat(60);
  static final String VERSION = "ocid1.keyversion.oc1.phx.0.bbdemovault1a." + "b".repeat(60);
  static final Digest DIGEST = Digest.parse("sha256:" + "c".repeat(64));

  /** Records what would reach OCI; answers as a registry holding one image would. */
  static final class RecordingBackend implements SigningBackend {
    final SignableImage image;
    final List<SignatureRecord> existing = new ArrayList<>();
    final List<String> signed = new ArrayList<>();
    final List<SignatureRecord> uploaded = new ArrayList<>();

    RecordingBackend(SignableImage image) {
      this.image = image;
    }

    @Override
    public SignableImage locate(OcirRepository repository, String tag, Digest digest, String compartmentId) {
      return image;
    }

    @Override
    public SignableImage describe(String imageId) {
      return image;
    }

    @Override
    public List<SignatureRecord> signatures(SignableImage i, String compartmentId) {
      return existing;
    }

    @Override
    public String sign(String kmsKeyId, String kmsKeyVersionId, String signingAlgorithm, String base64Message) {
      signed.add(base64Message);
      return "c2ln";
    }

    @Override
    public SignatureRecord upload(SignableImage i, String compartmentId, SignatureRecord draft) {
      SignatureRecord stored = new SignatureRecord("ocid1.containerimagesignature.oc1.phx.0.x" + uploaded.size(),
          draft.imageId(), draft.kmsKeyId(), draft.kmsKeyVersionId(), draft.signingAlgorithm(), draft.message(),
          draft.signature(), "AVAILABLE");
      uploaded.add(stored);
      existing.add(stored);
      return stored;
    }
  }

  static Stream<JsonNode> vectors() throws Exception {
    try (InputStream in = ImageSignerTest.class.getResourceAsStream("/verify/sign-message-vectors.json")) {
      List<JsonNode> list = new ArrayList<>();
      new ObjectMapper().readTree(in).get("vectors").forEach(list::add);
      return list.stream();
    }
  }

  private static String field(JsonNode input, String name) {
    JsonNode v = input.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }

  static SignRequest request(String description, String metadata, String algorithm, boolean force) {
    return new SignRequest(new SignTarget.ByReference(REPO, "v1", null), "ocid1.compartment.oc1..x", KEY, VERSION,
        algorithm, description, metadata, null, force);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void signsAndUploadsTheOciCliMessageOfEveryVector(JsonNode vector) throws Exception {
    JsonNode in = vector.get("input");
    SignableImage image = new SignableImage("ocid1.containerimage.oc1.phx.0.demotenancy.x", "ocid1.compartment.oc1..x",
        "us-phoenix-1", field(in, "repositoryName"), Digest.parse(field(in, "imageDigest")));
    RecordingBackend backend = new RecordingBackend(image);
    SignRequest request = new SignRequest(new SignTarget.ById(image.imageId()), null, field(in, "kmsKeyId"),
        field(in, "kmsKeyVersionId"), field(in, "signingAlgorithm"), field(in, "description"), field(in, "metadata"),
        field(in, "region"), false);

    SignOutcome outcome = new ImageSigner(backend).sign(request);

    String expected = vector.get("expectedBase64").asText();
    assertEquals(List.of(expected), backend.signed, vector.get("name").asText());
    assertEquals(expected, backend.uploaded.get(0).message());
    assertEquals(vector.get("expectedJson").asText(), ((SignOutcome.Created) outcome).message().toCliJson());
  }

  @Test
  void writesTheImageRegionUnlessARegionIsGiven() throws Exception {
    RecordingBackend backend = new RecordingBackend(new SignableImage("ocid1.containerimage.oc1.iad.0.n.x",
        "ocid1.compartment.oc1..x", "us-ashburn-1", "app", DIGEST));
    SignOutcome.Created byImage = (SignOutcome.Created) new ImageSigner(backend)
        .sign(request("d", null, "SHA_256_RSA_PKCS_PSS", false));
    assertEquals("us-ashburn-1", byImage.message().region());
    SignOutcome.Created given = (SignOutcome.Created) new ImageSigner(backend).sign(new SignRequest(
        new SignTarget.ByReference(REPO, "v1", null), "c", KEY, VERSION, "SHA_256_RSA_PKCS_PSS", "d", null,
        "us-phoenix-1", true));
    assertEquals("us-phoenix-1", given.message().region());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1]", "\"x\"", "42", "not json", "{\"a\":1} {\"b\":2}", "{\"a\":1,\"a\":2}", ""})
  void refusesMetadataThatIsNotOneJsonObjectBeforeAnyCall(String metadata) {
    RecordingBackend backend = new RecordingBackend(null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ImageSigner(backend).sign(request(null, metadata, "SHA_256_RSA_PKCS_PSS", false)));
    assertTrue(e.getMessage().startsWith("--metadata must be a JSON object"), e.getMessage());
  }

  @Test
  void refusesAnAlgorithmOtherThanTheFourPssOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImageSigner(
        new RecordingBackend(null)).sign(request(null, null, "SHA_256_RSA_PKCS1_V1_5", false)));
    assertTrue(e.getMessage().contains("SHA_224_RSA_PKCS_PSS"), e.getMessage());
  }

  @Test
  void refusesAMessageOverVaultsRawLimitWithoutSigning() throws Exception {
    RecordingBackend backend = new RecordingBackend(new SignableImage("i", "c", "us-phoenix-1", "app", DIGEST));
    String overhead = new SignedMessage("", DIGEST.toString(), KEY, VERSION, "", "us-phoenix-1", "app",
        "SHA_256_RSA_PKCS_PSS").toCliJson();
    int room = SigningMessages.MAX_RAW_MESSAGE_BYTES - overhead.length();
    SignOutcome exactly = new ImageSigner(backend).sign(request("x".repeat(room), null, "SHA_256_RSA_PKCS_PSS", true));
    assertEquals(4096, ((SignOutcome.Created) exactly).message().toCliJson().length());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImageSigner(backend)
        .sign(request("x".repeat(room + 1), null, "SHA_256_RSA_PKCS_PSS", true)));
    assertTrue(e.getMessage().contains("4097 bytes, over Vault's 4096-byte limit"), e.getMessage());
    // A non-ASCII character is written as a 6-byte escape, so it does not fit where an x did.
    assertThrows(IllegalArgumentException.class, () -> new ImageSigner(backend)
        .sign(request("x".repeat(room - 1) + "é", null, "SHA_256_RSA_PKCS_PSS", true)));
    assertEquals(1, backend.signed.size());
  }

  @Test
  void anEquivalentAvailableSignatureMeansNothingIsUploadedUnlessForced() throws Exception {
    RecordingBackend backend = new RecordingBackend(new SignableImage("img", "c", "us-phoenix-1", "app", DIGEST));
    new ImageSigner(backend).sign(request(null, null, "SHA_256_RSA_PKCS_PSS", false));
    SignOutcome again = new ImageSigner(backend).sign(request("other text", null, "SHA_256_RSA_PKCS_PSS", false));
    assertInstanceOf(SignOutcome.AlreadySigned.class, again);
    assertEquals(1, backend.uploaded.size());

    assertInstanceOf(SignOutcome.Created.class,
        new ImageSigner(backend).sign(request(null, null, "SHA_512_RSA_PKCS_PSS", false)), "another algorithm");
    assertInstanceOf(SignOutcome.Created.class,
        new ImageSigner(backend).sign(request(null, null, "SHA_256_RSA_PKCS_PSS", true)), "forced");
    assertEquals(3, backend.uploaded.size());
  }

  @Test
  void revokedOrReplayedSignaturesDoNotCountAsExisting() throws Exception {
    RecordingBackend backend = new RecordingBackend(new SignableImage("img", "c", "us-phoenix-1", "app", DIGEST));
    String otherDigest = new SignedMessage("", "sha256:" + "d".repeat(64), KEY, VERSION, "",
        "us-phoenix-1", "app", "SHA_256_RSA_PKCS_PSS").toBase64();
    String thisDigest = new SignedMessage("", DIGEST.toString(), KEY, VERSION, "",
        "us-phoenix-1", "app", "SHA_256_RSA_PKCS_PSS").toBase64();
    backend.existing.add(new SignatureRecord("s1", "img", KEY, VERSION, "SHA_256_RSA_PKCS_PSS", otherDigest, "x",
        "AVAILABLE"));
    backend.existing.add(new SignatureRecord("s2", "img", KEY, VERSION, "SHA_256_RSA_PKCS_PSS", thisDigest, "x",
        "DELETED"));
    assertInstanceOf(SignOutcome.Created.class,
        new ImageSigner(backend).sign(request(null, null, "SHA_256_RSA_PKCS_PSS", false)));
  }
}
