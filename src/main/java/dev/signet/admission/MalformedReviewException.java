package dev.signet.admission;

/**
 * The request body is not a usable AdmissionReview (DESIGN §6): not JSON, wrong envelope, no {@code request}
 * or {@code uid}, CREATE/UPDATE without {@code object}, or too large. Mapped to HTTP 400
 * {@code {"error": "<message>"}} at the HTTP boundary.
 */
public class MalformedReviewException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong, phrased for the sender (no stack trace, no body contents) */
  public MalformedReviewException(String message) {
    super(message);
  }
}
