package dev.signet.oci;

import java.time.Duration;

/**
 * Timeouts and retries of every OCI SDK client Signet builds (DESIGN §3: "nothing outlives the admission
 * deadline"). One SDK call lasts at most about {@code retryBudget + connectTimeout + readTimeout}: a retry
 * is only started while less than {@code retryBudget} has passed since the first attempt began.
 *
 * @param connectTimeout TCP connect timeout per attempt
 * @param readTimeout read timeout per attempt (time without data)
 * @param maxAttempts attempts per call including the first (1 = no retry)
 * @param retryBudget no retry starts after this much time since the first attempt
 * @param retryDelay pause before a retry
 */
public record OciClientSettings(Duration connectTimeout, Duration readTimeout, int maxAttempts,
    Duration retryBudget, Duration retryDelay) {

  /** Validates: positive timeouts, {@code maxAttempts} ≥ 1, non-negative budget and delay. */
  public OciClientSettings {
    if (connectTimeout == null || connectTimeout.isZero() || connectTimeout.isNegative()
        || readTimeout == null || readTimeout.isZero() || readTimeout.isNegative()) {
      throw new IllegalArgumentException("OCI connect and read timeouts must be positive");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("OCI maxAttempts must be at least 1");
    }
    if (retryBudget == null || retryBudget.isNegative() || retryDelay == null || retryDelay.isNegative()) {
      throw new IllegalArgumentException("OCI retry budget and delay must not be negative");
    }
  }

  /**
   * @return 2 s connect, 5 s read, at most 2 attempts, no retry after 2 s, 200 ms between attempts: a
   *     throttled or failed call is retried once and one call stays well inside the default 8 s deadline
   */
  public static OciClientSettings defaults() {
    return new OciClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ofSeconds(2),
        Duration.ofMillis(200));
  }
}
