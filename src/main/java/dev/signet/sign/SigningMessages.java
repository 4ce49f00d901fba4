package dev.signet.sign;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.verify.SignedMessage;
import dev.signet.verify.TrustSet;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;

/**
 * Builds and checks the message {@code signet sign} signs (DESIGN §3 "Signed message"), exactly as the OCI CLI's
 * {@code sign-upload} does: the 8 fields through {@link SignedMessage#toCliJson()}, {@code metadata} embedded as
 * the string given (spaces and key order kept, never re-serialised). Refuses what the OCI services would refuse
 * or what no verifier could use, with a message naming the flag.
 */
public final class SigningMessages {
  /** Vault {@code Sign} accepts at most this many bytes of RAW message (the decoded bytes, not the base64). */
  public static final int MAX_RAW_MESSAGE_BYTES = 4096;

  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private SigningMessages() {}

  /**
   * @param metadata the {@code --metadata} text, or {@code null} when not given
   * @throws IllegalArgumentException when it is given but is not exactly one JSON object (e.g. {@code [1]},
   *     {@code "x"}, {@code {"a":1} trailing}, duplicate keys)
   */
  public static void checkMetadata(String metadata) {
    if (metadata == null) {
      return;
    }
    JsonNode node;
    try {
      node = STRICT.readTree(metadata);
    } catch (Exception e) {
      throw new IllegalArgumentException("--metadata must be a JSON object, e.g. {\"buildNumber\":\"123\"}: "
          + firstLine(e.getMessage()));
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("--metadata must be a JSON object, e.g. {\"buildNumber\":\"123\"}, not "
          + (node == null || node.isMissingNode() ? "empty text"
              : "a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
  }

  /**
   * @param signingAlgorithm the {@code --signing-algorithm}
   * @throws IllegalArgumentException unless it is one of the four {@code SHA_*_RSA_PKCS_PSS} names
   */
  public static void checkAlgorithm(String signingAlgorithm) {
    if (signingAlgorithm == null || !TrustSet.PSS_ALGORITHMS.contains(signingAlgorithm)) {
      throw new IllegalArgumentException("--signing-algorithm must be one of "
          + String.join(", ", new TreeSet<>(TrustSet.PSS_ALGORITHMS)) + ", not '" + signingAlgorithm + "'");
    }
  }

  /**
   * Builds the message and checks its size.
   *
   * @param message the 8 fields
   * @return the message, unchanged
   * @throws IllegalArgumentException when the metadata or algorithm is refused (see {@link #checkMetadata},
   *     {@link #checkAlgorithm}) or the JSON text is longer than {@value #MAX_RAW_MESSAGE_BYTES} UTF-8 bytes
   */
  public static SignedMessage check(SignedMessage message) {
    checkAlgorithm(message.signingAlgorithm());
    checkMetadata(message.metadata().isEmpty() ? null : message.metadata());
    int bytes = message.toCliJson().getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_RAW_MESSAGE_BYTES) {
      throw new IllegalArgumentException("the message to sign is " + bytes + " bytes, over Vault's "
          + MAX_RAW_MESSAGE_BYTES + "-byte limit for RAW messages: shorten --description or --metadata");
    }
    return message;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "not JSON";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
