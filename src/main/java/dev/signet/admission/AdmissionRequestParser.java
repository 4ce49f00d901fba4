package dev.signet.admission;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.admission.AdmissionRequest.GroupVersionKind;
import dev.signet.admission.AdmissionRequest.GroupVersionResource;
import dev.signet.admission.AdmissionRequest.Operation;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Parses an AdmissionReview request body (Kubernetes {@code admission.k8s.io/v1} and {@code v1beta1}
 * {@code AdmissionReview}) into an {@link AdmissionRequest}, tolerating what real API servers and old senders
 * send (DESIGN §6): {@code oldObject} absent, null, {@code {}}, {@code ""} or {@code "None"}; {@code options}
 * null; no {@code requestKind}; objects without {@code apiVersion}/{@code kind}; objects with only
 * {@code generateName}. Thread-safe.
 */
public final class AdmissionRequestParser {
  /** The AdmissionReview API versions accepted and echoed back. */
  public static final Set<String> API_VERSIONS = Set.of("admission.k8s.io/v1", "admission.k8s.io/v1beta1");

  private final ObjectMapper mapper = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /**
   * @param body the raw request body (UTF-8 JSON)
   * @return the parsed request
   * @throws MalformedReviewException when the body is not a usable AdmissionReview; the message says what is wrong
   */
  public AdmissionRequest parse(byte[] body) throws MalformedReviewException {
    JsonNode root = readJson(body);
    if (!root.isObject()) {
      throw new MalformedReviewException("body is not a JSON object");
    }
    String envelopeKind = text(root.get("kind"));
    if (!"AdmissionReview".equals(envelopeKind)) {
      throw new MalformedReviewException("kind must be AdmissionReview, got " + describe(root.get("kind")));
    }
    String apiVersion = text(root.get("apiVersion"));
    if (apiVersion == null || !API_VERSIONS.contains(apiVersion)) {
      throw new MalformedReviewException("apiVersion must be admission.k8s.io/v1 or admission.k8s.io/v1beta1, got "
          + describe(root.get("apiVersion")));
    }
    JsonNode request = root.get("request");
    if (request == null || !request.isObject()) {
      throw new MalformedReviewException("request is missing or not an object");
    }
    return parseRequest(apiVersion, request);
  }

  private JsonNode readJson(byte[] body) throws MalformedReviewException {
    if (body == null || body.length == 0) {
      throw new MalformedReviewException("empty body");
    }
    try {
      JsonNode root = mapper.readTree(body);
      if (root == null || root.isMissingNode()) {
        throw new MalformedReviewException("empty body");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new MalformedReviewException("body is not valid JSON: " + jsonProblem(e));
    } catch (IOException e) {
      throw new MalformedReviewException("body could not be read as JSON: " + e.getMessage());
    }
  }

  /**
   * Jackson's own reason without its source description ({@code [Source: ...]}, {@code (start marker at ...)}),
   * plus where: {@code <reason> at line L, column C}.
   */
  static String jsonProblem(JsonProcessingException e) {
    String reason = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
    int newline = reason.indexOf('\n');
    reason = (newline < 0 ? reason : reason.substring(0, newline))
        .replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\][^)]*\\)", "")
        .replaceAll("\\s*\\[Source:[^\\]]*\\]", "").strip();
    JsonLocation at = e.getLocation();
    String where = at == null || at.getLineNr() < 1 ? ""
        : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return shorten(reason) + where;
  }

  private AdmissionRequest parseRequest(String apiVersion, JsonNode request) throws MalformedReviewException {
    String uid = text(request.get("uid"));
    if (uid == null || uid.isBlank()) {
      throw new MalformedReviewException("request.uid is missing or empty");
    }
    Operation operation = operation(request.get("operation"));
    JsonNode object = presentObject(request.get("object"));
    if (object == null && (operation == Operation.CREATE || operation == Operation.UPDATE)) {
      throw new MalformedReviewException("request.object is missing or not an object for " + operation);
    }
    JsonNode oldObject = presentObject(request.get("oldObject"));
    GroupVersionKind kind = kind(request.get("kind"), object != null ? object : oldObject);
    if (kind.kind().isEmpty() && object != null) {
      throw new MalformedReviewException("request.kind is missing and the object names no kind");
    }
    JsonNode resourceNode = request.get("resource");
    GroupVersionResource resource = new GroupVersionResource(
        textOr(path(resourceNode, "group"), ""), textOr(path(resourceNode, "version"), ""),
        textOr(path(resourceNode, "resource"), ""));
    JsonNode dryRun = request.get("dryRun");
    return new AdmissionRequest(uid, apiVersion, kind, resource, textOr(request.get("subResource"), ""),
        operation, namespace(request, object, oldObject), name(request, object, oldObject),
        dryRun != null && dryRun.asBoolean(false), object, oldObject);
  }

  private static Operation operation(JsonNode node) throws MalformedReviewException {
    if (node == null || node.isNull()) {
      throw new MalformedReviewException("request.operation is missing; it must be one of CREATE, UPDATE, DELETE, "
          + "CONNECT");
    }
    String op = text(node);
    if (op == null) {
      throw new MalformedReviewException("request.operation must be one of CREATE, UPDATE, DELETE, CONNECT, got "
          + describe(node));
    }
    try {
      return Operation.valueOf(op.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new MalformedReviewException("request.operation must be one of CREATE, UPDATE, DELETE, CONNECT, got "
          + shorten(op));
    }
  }

  /** request.kind when present; else the object's apiVersion and kind; else empty. */
  private static GroupVersionKind kind(JsonNode kindNode, JsonNode object) {
    String kind = text(path(kindNode, "kind"));
    if (kind != null && !kind.isEmpty()) {
      return new GroupVersionKind(textOr(path(kindNode, "group"), ""), textOr(path(kindNode, "version"), ""), kind);
    }
    String objectKind = textOr(path(object, "kind"), "");
    String objectApiVersion = textOr(path(object, "apiVersion"), "");
    int slash = objectApiVersion.indexOf('/');
    String group = slash < 0 ? "" : objectApiVersion.substring(0, slash);
    String version = slash < 0 ? objectApiVersion : objectApiVersion.substring(slash + 1);
    return new GroupVersionKind(group, version, objectKind);
  }

  private static String namespace(JsonNode request, JsonNode object, JsonNode oldObject) {
    String ns = text(request.get("namespace"));
    if (ns != null) {
      return ns;
    }
    String fromObject = text(path(path(object, "metadata"), "namespace"));
    if (fromObject != null) {
      return fromObject;
    }
    return textOr(path(path(oldObject, "metadata"), "namespace"), "");
  }

  private static String name(JsonNode request, JsonNode object, JsonNode oldObject) {
    String name = text(request.get("name"));
    if (name != null && !name.isEmpty()) {
      return name;
    }
    JsonNode meta = path(object != null ? object : oldObject, "metadata");
    String fromObject = text(path(meta, "name"));
    if (fromObject != null && !fromObject.isEmpty()) {
      return fromObject;
    }
    return textOr(path(meta, "generateName"), "");
  }

  /** A JSON object with at least one field, else null (absent, null, {}, "", "None" and other scalars). */
  private static JsonNode presentObject(JsonNode node) {
    return node != null && node.isObject() && !node.isEmpty() ? node : null;
  }

  private static JsonNode path(JsonNode node, String field) {
    return node == null ? null : node.get(field);
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  private static String textOr(JsonNode node, String fallback) {
    String s = text(node);
    return s == null ? fallback : s;
  }

  private static String describe(JsonNode node) {
    return node == null ? "nothing" : shorten(node.toString());
  }

  private static String shorten(String s) {
    return s == null || s.length() <= 120 ? s : s.substring(0, 120) + "…";
  }
}
