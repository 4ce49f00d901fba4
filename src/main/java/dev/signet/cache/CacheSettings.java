package dev.signet.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * Cache tuning (DESIGN §7), from the {@code serve} flags {@code --digest-ttl}, {@code --verified-ttl},
 * {@code --not-verified-ttl}, {@code --cache-size} and {@code --stale-if-error}.
 *
 * @param digestTtl how long a tag → digest answer is reused (default 30 s)
 * @param verifiedTtl how long a verified verdict is reused (default 5 min)
 * @param notVerifiedTtl how long a not-verified verdict is reused (default 30 s)
 * @param maxSize the most entries each cache holds (default 10 000; at least 1)
 * @param staleIfError how long past {@code verifiedTtl} a verified verdict may still be served when a fresh
 *     verification could not decide ({@code 0} = off, the default)
 */
public record CacheSettings(Duration digestTtl, Duration verifiedTtl, Duration notVerifiedTtl, long maxSize,
    Duration staleIfError) {

  /** The defaults of DESIGN §7. */
  public static final CacheSettings DEFAULTS = new CacheSettings(Duration.ofSeconds(30), Duration.ofMinutes(5),
      Duration.ofSeconds(30), 10_000, Duration.ZERO);

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException when a duration is missing or negative, or {@code maxSize < 1}
   */
  public CacheSettings {
    check("digest TTL", digestTtl);
    check("verified TTL", verifiedTtl);
    check("not-verified TTL", notVerifiedTtl);
    check("stale-if-error window", staleIfError);
    if (maxSize < 1) {
      throw new IllegalArgumentException("cache size must be at least 1, got " + maxSize);
    }
  }

  /** @return the defaults ({@link #DEFAULTS}) */
  public static CacheSettings defaults() {
    return DEFAULTS;
  }

  /** @return true when stale-if-error is on (window above zero) */
  public boolean staleIfErrorEnabled() {
    return !staleIfError.isZero();
  }

  private static void check(String name, Duration d) {
    Objects.requireNonNull(d, () -> name + " is missing");
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + d);
    }
  }

  /** @return the duration in nanoseconds, saturated at {@link Long#MAX_VALUE} */
  static long nanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
