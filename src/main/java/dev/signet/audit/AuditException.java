package dev.signet.audit;

/** The cluster could not be read (API server unreachable, forbidden, CRD missing); the audit has no result. */
public final class AuditException extends RuntimeException {
  /**
   * @param message what could not be read, for the user
   * @param cause the underlying failure, or {@code null}
   */
  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }
}
