package dev.signet.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Single-flight over a Caffeine {@link AsyncCache}: the first caller for a key installs an incomplete
 * future and becomes the leader, running the load on its own thread (bounded by its own deadline, no
 * shared pool); every concurrent caller gets the same future and waits for it.
 */
final class SingleFlight {
  private SingleFlight() {}

  /**
   * @param future the shared future of the key
   * @param leader true when this caller installed it and must complete it
   */
  record Flight<V>(CompletableFuture<V> future, boolean leader) {}

  /**
   * @return the flight for the key: a cached or in-flight future, or a new one this caller leads
   */
  static <K, V> Flight<V> join(AsyncCache<K, V> cache, K key) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> shared = cache.get(key, (k, executor) -> mine);
    return new Flight<>(shared, shared == mine);
  }

  /**
   * Waits for a flight until the deadline.
   *
   * @param future the shared future
   * @param deadline when to give up, or {@code null} to wait for as long as the load takes
   * @param clock the clock the deadline is compared with
   * @return the value
   * @throws ExecutionException when the load failed
   * @throws TimeoutException when the deadline passed first
   * @throws InterruptedException when interrupted
   */
  static <V> V await(CompletableFuture<V> future, Instant deadline, Clock clock)
      throws ExecutionException, TimeoutException, InterruptedException {
    if (deadline == null) {
      return future.get();
    }
    long nanos;
    try {
      nanos = Math.max(0, Duration.between(clock.instant(), deadline).toNanos());
    } catch (ArithmeticException e) {
      nanos = Long.MAX_VALUE;
    }
    return future.get(nanos, TimeUnit.NANOSECONDS);
  }
}
