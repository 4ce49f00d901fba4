package dev.signet.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * JSON shapes of the OCI Artifacts API (model classes {@code ContainerImage}, {@code ContainerImageSummary},
 * {@code ContainerVersion}, {@code ContainerImageSignature}, {@code ContainerImageSignatureSummary}) and
 * of OCI errors, with OCI's RFC 3339 timestamps ({@code 2026-01-01T00:00:00.000Z}).
 */
final class OciJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private OciJson() {}

  static String time(Instant t) {
    return TIME.format(t);
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Answers 200 (unless a status was set) with {@code node} as {@code application/json}. */
  static void respond(io.javalin.http.Context ctx, JsonNode node) {
    ctx.contentType("application/json").result(write(node));
  }

  /** @return {@code {"code": code, "message": message}} */
  static String error(String code, String message) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("code", code);
    n.put("message", message);
    return write(n);
  }

  /**
   * @param body a request body
   * @return it parsed as a JSON object
   * @throws OciError 400 {@code InvalidParameter} when it is not a JSON object
   */
  static ObjectNode parseObject(byte[] body) {
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n instanceof ObjectNode o) {
        return o;
      }
    } catch (java.io.IOException e) {
      // answered below
    }
    throw OciError.invalidParameter("The request body must be a JSON object");
  }

  /** @return the text field, or {@code null} when absent or JSON null; 400 when it is not a string */
  static String text(ObjectNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw OciError.invalidParameter(field + " must be a string");
    }
    return n.asText();
  }

  /** @return the text field; 400 {@code InvalidParameter} when absent or blank */
  static String requiredText(ObjectNode body, String field) {
    String v = text(body, field);
    if (v == null || v.isBlank()) {
      throw OciError.invalidParameter(field + " is required");
    }
    return v;
  }

  static ObjectNode imageSummary(ArtifactStore.Image image) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("compartmentId", image.compartmentId());
    n.put("digest", image.digest());
    n.put("displayName", image.displayName());
    n.put("id", image.id());
    n.put("lifecycleState", "AVAILABLE");
    n.put("repositoryId", image.repositoryId());
    n.put("repositoryName", image.repositoryName());
    n.put("timeCreated", time(image.timeCreated()));
    n.put("version", image.latestTag());
    tags(n);
    return n;
  }

  static ObjectNode image(ArtifactStore.Image image) {
    ObjectNode n = imageSummary(image);
    n.put("createdBy", image.createdBy());
    n.putArray("layers");
    n.put("layersSizeInBytes", 0L);
    n.put("manifestSizeInBytes", 0);
    n.put("pullCount", 0L);
    n.putNull("timeLastPulled");
    ArrayNode versions = n.putArray("versions");
    for (ArtifactStore.TagVersion v : image.versions()) {
      ObjectNode vn = versions.addObject();
      vn.put("createdBy", v.createdBy());
      vn.put("timeCreated", time(v.timeCreated()));
      vn.put("version", v.version());
    }
    return n;
  }

  static ObjectNode signatureSummary(ArtifactStore.Signature s) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("compartmentId", s.compartmentId());
    n.put("displayName", s.displayName());
    n.put("id", s.id());
    n.put("imageId", s.imageId());
    n.put("kmsKeyId", s.kmsKeyId());
    n.put("kmsKeyVersionId", s.kmsKeyVersionId());
    n.put("message", s.message());
    n.put("signature", s.signature());
    n.put("signingAlgorithm", s.signingAlgorithm());
    n.put("timeCreated", time(s.timeCreated()));
    n.put("lifecycleState", s.lifecycleState());
    tags(n);
    return n;
  }

  static ObjectNode signature(ArtifactStore.Signature s) {
    ObjectNode n = signatureSummary(s);
    n.put("createdBy", s.createdBy());
    return n;
  }

  private static void tags(ObjectNode n) {
    n.putObject("freeformTags");
    n.putObject("definedTags");
    n.putObject("systemTags");
  }
}
