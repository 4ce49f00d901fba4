package dev.signet.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignedMessageTest {

  static Stream<JsonNode> vectors() throws Exception {
    try (InputStream in = SignedMessageTest.class.getResourceAsStream("/verify/sign-message-vectors.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<JsonNode> list = new ArrayList<>();
      root.get("vectors").forEach(list::add);
      return list.stream();
    }
  }

  private static String field(JsonNode input, String name) {
    JsonNode v = input.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void buildsMessageByteForByteAsTheOciCli(JsonNode vector) {
    JsonNode in = vector.get("input");
    SignedMessage m = new SignedMessage(field(in, "description"), field(in, "imageDigest"), field(in, "kmsKeyId"),
        field(in, "kmsKeyVersionId"), field(in, "metadata"), field(in, "region"), field(in, "repositoryName"),
        field(in, "signingAlgorithm"));
    assertEquals(vector.get("expectedJson").asText(), m.toCliJson(), vector.get("name").asText());
    assertEquals(vector.get("expectedBase64").asText(), m.toBase64(), vector.get("name").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void decodesWhatItBuilt(JsonNode vector) {
    SignedMessage decoded = SignedMessage.decode(vector.get("expectedBase64").asText());
    JsonNode in = vector.get("input");
    assertEquals(field(in, "imageDigest"), decoded.imageDigest());
    String description = field(in, "description");
    assertEquals(description == null ? "" : description, decoded.description());
  }

  @Test
  void rejectsMessagesThatAreNotJsonObjects() {
    assertThrows(IllegalArgumentException.class, () -> SignedMessage.decode("not base64!"));
    assertThrows(IllegalArgumentException.class, () -> SignedMessage.decode("WzFd")); // [1]
    assertThrows(IllegalArgumentException.class, () -> SignedMessage.decode("eyJpbWFnZURpZ2VzdCI6MX0=")); // {"imageDigest":1}
  }
}
