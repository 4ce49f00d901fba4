package dev.signet.policy;

/**
 * A policy file that cannot be used: unreadable, not YAML, or a document that is not a valid
 * {@code signet.dev/v1alpha1 ClusterImageSignaturePolicy}. The message names the file and the document
 * (1-based, counting {@code ---}-separated documents).
 */
public class PolicyFileException extends Exception {
  /** @param message what is wrong, naming the file and document */
  public PolicyFileException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong, naming the file and document
   * @param cause the underlying parse or I/O error
   */
  public PolicyFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
