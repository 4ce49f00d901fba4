package dev.signet.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The message an image signature signs, as the OCI CLI's
 * {@code oci artifacts container image-signature sign-upload} builds it (DESIGN §3): a JSON object
 * with 8 string fields in a fixed order, compact separators and Python {@code json.dumps}
 * ({@code ensure_ascii}) escaping, UTF-8 encoded and then base64-encoded.
 *
 * <p>Verification never re-serialises a message: it verifies the stored base64 as stored and uses
 * {@link #decode(String)} only to read the fields.
 *
 * @param description free text; {@code ""} when not given
 * @param imageDigest {@code sha256:<64 hex>}
 * @param kmsKeyId key OCID
 * @param kmsKeyVersionId key version OCID
 * @param metadata a JSON text carried as a string; {@code ""} when not given
 * @param region full region id, e.g. {@code us-phoenix-1}
 * @param repositoryName repository name without the tenancy namespace
 * @param signingAlgorithm e.g. {@code SHA_256_RSA_PKCS_PSS}
 */
public record SignedMessage(String description, String imageDigest, String kmsKeyId, String kmsKeyVersionId,
    String metadata, String region, String repositoryName, String signingAlgorithm) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Missing description or metadata become {@code ""}, as the OCI CLI writes them. */
  public SignedMessage {
    description = description == null ? "" : description;
    metadata = metadata == null ? "" : metadata;
  }

  /** @return the JSON text byte-for-byte as the OCI CLI builds it */
  public String toCliJson() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("description", description);
    fields.put("imageDigest", imageDigest);
    fields.put("kmsKeyId", kmsKeyId);
    fields.put("kmsKeyVersionId", kmsKeyVersionId);
    fields.put("metadata", metadata);
    fields.put("region", region);
    fields.put("repositoryName", repositoryName);
    fields.put("signingAlgorithm", signingAlgorithm);
    StringBuilder sb = new StringBuilder("{");
    fields.forEach((k, v) -> {
      if (sb.length() > 1) {
        sb.append(',');
      }
      appendPythonString(sb, k);
      sb.append(':');
      appendPythonString(sb, v == null ? "" : v);
    });
    return sb.append('}').toString();
  }

  /** @return base64 (standard alphabet, padded) of the UTF-8 bytes of {@link #toCliJson()} */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(toCliJson().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Decodes a stored message to read its fields. Any signer's escaping is accepted.
   *
   * @param base64 the stored {@code message} field
   * @return the fields; absent fields are {@code null} (description/metadata {@code ""})
   * @throws IllegalArgumentException when it is not base64 of a UTF-8 JSON object whose fields are strings
   */
  public static SignedMessage decode(String base64) {
    if (base64 == null) {
      throw new IllegalArgumentException("message is missing");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("message is not base64");
    }
    JsonNode node;
    try {
      node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalArgumentException("message is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("message is not a JSON object");
    }
    return new SignedMessage(text(node, "description"), text(node, "imageDigest"), text(node, "kmsKeyId"),
        text(node, "kmsKeyVersionId"), text(node, "metadata"), text(node, "region"),
        text(node, "repositoryName"), text(node, "signingAlgorithm"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("message field '" + field + "' is not a string");
    }
    return v.asText();
  }

  /** Python {@code json.dumps(s, ensure_ascii=True)} string encoding. */
  static void appendPythonString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
