package dev.signet.verify;

/**
 * An outside service (OCIR, Vault) could not answer: timeout, 5xx, 429, authentication or
 * authorization failure. A verdict that depends on it is "could not decide", never "not verified".
 */
public class BackendException extends Exception {
  private final String operation;
  private final int status;

  /**
   * @param operation the OCI operation name, e.g. {@code ListContainerImageSignatures} or {@code Verify}
   * @param status the HTTP status, or 0 for a timeout or connection failure
   * @param message what happened
   * @param cause the underlying error, may be {@code null}
   */
  public BackendException(String operation, int status, String message, Throwable cause) {
    super(operation + (status > 0 ? " failed with HTTP " + status : " failed") + ": " + message, cause);
    this.operation = operation;
    this.status = status;
  }

  /** @return the OCI operation name */
  public String operation() {
    return operation;
  }

  /** @return the HTTP status, or 0 for a timeout or connection failure */
  public int status() {
    return status;
  }
}
