package dev.signet.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Builds AdmissionReview responses (Kubernetes {@code admission.k8s.io/v1} {@code AdmissionResponse}; DESIGN §6).
 * Every response echoes {@code request.uid} and the request's own {@code apiVersion}, with
 * {@code kind: AdmissionReview}. The returned nodes are fresh and may be modified by the caller.
 */
public final class AdmissionResponses {
  /** Audit annotation holding the failing parts (DESIGN §11). */
  public static final String VIOLATIONS_ANNOTATION = "signet.dev/violations";
  /** Longest warning Kubernetes passes on unchanged; longer ones are cut to this many characters. */
  public static final int MAX_WARNING_LENGTH = 256;
  /** Separator between the parts of a message (one part per failing image). */
  public static final String PART_SEPARATOR = "; ";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private AdmissionResponses() {}

  /**
   * @param request the request answered
   * @return a review with {@code allowed: true} and nothing else
   */
  public static ObjectNode allow(AdmissionRequest request) {
    return review(request, true);
  }

  /**
   * @param request the request answered
   * @param parts one part per denied image, {@code <image> (<digest or "unresolved">): <ReasonCode>: <text>}
   * @return a review with {@code allowed: false} and {@code status {code: 403, reason: Forbidden, message}},
   *     the message being the parts joined by {@code "; "}
   */
  public static ObjectNode deny(AdmissionRequest request, List<String> parts) {
    ObjectNode review = review(request, false);
    ObjectNode status = response(review).putObject("status");
    status.put("code", 403);
    status.put("reason", "Forbidden");
    status.put("message", String.join(PART_SEPARATOR, parts));
    return review;
  }

  /**
   * An admitted request with findings (Audit policies, {@code noMatchAction: warn}, {@code --mode audit}).
   *
   * @param request the request answered
   * @param parts one part per failing image, in the same form as for {@link #deny}
   * @return a review with {@code allowed: true}, one warning per part (each cut by {@link #truncateWarning}) and
   *     the audit annotation {@value #VIOLATIONS_ANNOTATION} holding the parts joined by {@code "; "}
   */
  public static ObjectNode warn(AdmissionRequest request, List<String> parts) {
    ObjectNode review = review(request, true);
    ObjectNode response = response(review);
    var warnings = response.putArray("warnings");
    parts.forEach(p -> warnings.add(truncateWarning(p)));
    response.putObject("auditAnnotations").put(VIOLATIONS_ANNOTATION, String.join(PART_SEPARATOR, parts));
    return review;
  }

  /**
   * Adds a JSON Patch (RFC 6902) to a response, for the mutating endpoint.
   *
   * @param review a review built by this class
   * @param patch the JSON Patch array of operations
   * @return the same review, now with {@code patchType: JSONPatch} and {@code patch} (base64 of the patch's
   *     compact JSON)
   * @throws IllegalArgumentException when {@code patch} is not a JSON array
   */
  public static ObjectNode withPatch(ObjectNode review, JsonNode patch) {
    if (patch == null || !patch.isArray()) {
      throw new IllegalArgumentException("a JSON Patch must be a JSON array");
    }
    ObjectNode response = response(review);
    response.put("patchType", "JSONPatch");
    response.put("patch", Base64.getEncoder().encodeToString(patch.toString().getBytes(StandardCharsets.UTF_8)));
    return review;
  }

  /**
   * @param warning one warning
   * @return the warning unchanged when at most {@value #MAX_WARNING_LENGTH} characters long, else its first 255
   *     characters followed by {@code …} (256 in all; a surrogate pair is never split)
   */
  public static String truncateWarning(String warning) {
    if (warning.length() <= MAX_WARNING_LENGTH) {
      return warning;
    }
    int end = MAX_WARNING_LENGTH - 1;
    if (Character.isHighSurrogate(warning.charAt(end - 1))) {
      end--;
    }
    return warning.substring(0, end) + "…";
  }

  private static ObjectNode review(AdmissionRequest request, boolean allowed) {
    ObjectNode review = JSON.objectNode();
    review.put("apiVersion", request.apiVersion());
    review.put("kind", "AdmissionReview");
    ObjectNode response = review.putObject("response");
    response.put("uid", request.uid());
    response.put("allowed", allowed);
    return review;
  }

  private static ObjectNode response(ObjectNode review) {
    return (ObjectNode) review.get("response");
  }
}
