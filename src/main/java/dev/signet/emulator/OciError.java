package dev.signet.emulator;

/**
 * An error answered the way OCI services answer it: HTTP status plus the JSON body
 * {@code {"code": ..., "message": ...}} (OCI API errors reference).
 */
final class OciError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  OciError(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  static OciError invalidParameter(String message) {
    return new OciError(400, "InvalidParameter", message);
  }

  static OciError notFound(String message) {
    return new OciError(404, "NotAuthorizedOrNotFound", message);
  }

  static OciError notAuthenticated(String message) {
    return new OciError(401, "NotAuthenticated", message);
  }

  static OciError incorrectState(String message) {
    return new OciError(409, "IncorrectState", message);
  }

  /**
   * @param status an HTTP status
   * @return the error OCI services answer with that status, with a generic message
   */
  static OciError forStatus(int status) {
    return switch (status) {
      case 400 -> invalidParameter("Injected fault: invalid parameter");
      case 401 -> notAuthenticated("Injected fault: not authenticated");
      case 404 -> notFound("Injected fault: not authorized or not found");
      case 409 -> new OciError(409, "Conflict", "Injected fault: conflict");
      case 429 -> new OciError(429, "TooManyRequests", "Injected fault: too many requests");
      case 503 -> new OciError(503, "ServiceUnavailable", "Injected fault: service unavailable");
      default -> new OciError(status, status >= 500 ? "InternalServerError" : "InvalidParameter",
          "Injected fault: HTTP " + status);
    };
  }
}
