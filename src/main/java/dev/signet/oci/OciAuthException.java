package dev.signet.oci;

/**
 * OCI credentials could not be set up (missing config file, profile, key file, service account token,
 * region, or an unreachable metadata service). Raised at start, before any admission is served.
 */
public class OciAuthException extends Exception {
  /**
   * @param message what is missing or wrong and how to fix it (never a secret)
   * @param cause the underlying error, may be {@code null}
   */
  public OciAuthException(String message, Throwable cause) {
    super(message, cause);
  }
}
