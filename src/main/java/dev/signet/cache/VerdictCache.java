package dev.signet.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.signet.verify.Verdict;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verdicts per {@link VerdictKey} (DESIGN §7): {@link Verdict.Verified} kept for
 * {@link CacheSettings#verifiedTtl()}, {@link Verdict.NotVerified} for {@link CacheSettings#notVerifiedTtl()},
 * {@link Verdict.Error} never. Concurrent requests for one key share one load (single-flight); an Error is
 * returned to every waiter of its flight and then forgotten, so the next request loads again. Bounded by
 * {@link CacheSettings#maxSize()}.
 *
 * <p>Stale-if-error ({@link CacheSettings#staleIfError()} above zero): the last Verified verdict of a key is
 * remembered for {@code verifiedTtl + staleIfError}; when a load (or the wait for one) ends in an Error
 * and that verdict is no older than this, it is returned instead and counted
 * ({@link #staleServed()}, metric {@code signet_verdict_stale_served_total}). A NotVerified load forgets it.
 */
public final class VerdictCache {
  /** Cache name used for metrics. */
  public static final String CACHE_NAME = "signet_verdicts";
  private static final Logger LOG = LoggerFactory.getLogger(VerdictCache.class);

  private final AsyncCache<VerdictKey, Verdict> cache;
  private final Cache<VerdictKey, Stamped> lastVerified;
  private final long staleLimitNanos;
  private final Ticker ticker;
  private final Clock clock;
  private final AtomicLong staleServed = new AtomicLong();

  private record Stamped(Verdict.Verified verdict, long loadedAtNanos) {}

  /** @param settings cache settings */
  public VerdictCache(CacheSettings settings) {
    this(settings, Ticker.systemTicker(), Clock.systemUTC());
  }

  /**
   * @param settings cache settings
   * @param ticker time source for expiry and verdict age (nanoseconds)
   * @param clock the clock deadlines are compared with
   */
  public VerdictCache(CacheSettings settings, Ticker ticker, Clock clock) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cache = Caffeine.newBuilder()
        .maximumSize(settings.maxSize())
        .expireAfter(Expiry.<VerdictKey, Verdict>writing((k, v) -> ttl(settings, v)))
        .ticker(ticker)
        .executor(Runnable::run)
        .recordStats()
        .buildAsync();
    this.staleLimitNanos = CacheSettings.nanos(settings.verifiedTtl().plus(settings.staleIfError()));
    this.lastVerified = !settings.staleIfErrorEnabled() ? null : Caffeine.newBuilder()
        .maximumSize(settings.maxSize())
        .expireAfterWrite(Duration.ofNanos(staleLimitNanos))
        .ticker(ticker)
        .executor(Runnable::run)
        .build();
  }

  private static Duration ttl(CacheSettings settings, Verdict v) {
    if (v instanceof Verdict.Verified) {
      return settings.verifiedTtl();
    }
    return v instanceof Verdict.NotVerified ? settings.notVerifiedTtl() : Duration.ZERO;
  }

  /**
   * Returns the cached verdict of the key, or loads it once for all concurrent callers.
   *
   * @param key the cache key
   * @param deadline how long to wait for a load another caller started, or {@code null} for no limit; the
   *     loader itself should honour the deadline of the caller that runs it
   * @param loader computes the verdict (runs on the calling thread when this caller leads the flight)
   * @return the verdict; an {@link Verdict.Error} when the load could not decide or the deadline passed
   *     while waiting (or, with stale-if-error, a recent enough Verified verdict instead)
   */
  public Verdict get(VerdictKey key, Instant deadline, Supplier<Verdict> loader) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(loader, "loader");
    SingleFlight.Flight<Verdict> flight = SingleFlight.join(cache, key);
    Verdict v = flight.leader() ? lead(key, flight.future(), loader) : follow(key, flight.future(), deadline);
    return v instanceof Verdict.Error error ? staleOr(key, error) : v;
  }

  private Verdict lead(VerdictKey key, CompletableFuture<Verdict> mine, Supplier<Verdict> loader) {
    Verdict v = null;
    try {
      v = load(key, loader);
    } finally {
      if (!(v instanceof Verdict.Verified) && !(v instanceof Verdict.NotVerified)) {
        cache.asMap().remove(key, mine); // an Error reaches this flight's waiters only
      }
      // Always a value: an exceptional completion would make Caffeine log a stack trace outside our log format.
      mine.complete(v != null ? v : new Verdict.Error(key.digest(), List.of(), "verification aborted"));
    }
    remember(key, v);
    return v;
  }

  private static Verdict load(VerdictKey key, Supplier<Verdict> loader) {
    try {
      Verdict v = loader.get();
      return v != null ? v : new Verdict.Error(key.digest(), List.of(), "verification returned no verdict");
    } catch (RuntimeException e) {
      LOG.error("verification of {}/{}@{} failed unexpectedly", key.tenancyNamespace(), key.repositoryName(),
          key.digest(), e);
      return new Verdict.Error(key.digest(), List.of(), "internal error: " + e.getClass().getSimpleName());
    }
  }

  private Verdict follow(VerdictKey key, CompletableFuture<Verdict> shared, Instant deadline) {
    try {
      return SingleFlight.await(shared, deadline, clock);
    } catch (ExecutionException e) {
      return new Verdict.Error(key.digest(), List.of(), "shared verification failed: " + e.getCause());
    } catch (TimeoutException e) {
      return new Verdict.Error(key.digest(), List.of(), "deadline exceeded waiting for a shared verification");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Verdict.Error(key.digest(), List.of(), "interrupted waiting for a shared verification");
    }
  }

  private void remember(VerdictKey key, Verdict v) {
    if (lastVerified == null) {
      return;
    }
    if (v instanceof Verdict.Verified verified) {
      lastVerified.put(key, new Stamped(verified, ticker.read()));
    } else if (v instanceof Verdict.NotVerified) {
      lastVerified.invalidate(key);
    }
  }

  private Verdict staleOr(VerdictKey key, Verdict.Error error) {
    Stamped s = lastVerified == null ? null : lastVerified.getIfPresent(key);
    if (s == null || ticker.read() - s.loadedAtNanos() > staleLimitNanos) {
      return error;
    }
    staleServed.incrementAndGet();
    LOG.warn("serving a stale verified verdict for {}/{}@{} (age {} s) because: {}", key.tenancyNamespace(),
        key.repositoryName(), key.digest(), (ticker.read() - s.loadedAtNanos()) / 1_000_000_000L, error.message());
    return s.verdict();
  }

  /** @return how many times a stale Verified verdict was served in place of an Error */
  public long staleServed() {
    return staleServed.get();
  }

  /**
   * Registers Micrometer's Caffeine metrics under the cache name {@value #CACHE_NAME}, and the counter
   * {@code signet.verdict.stale.served} (Prometheus: {@code signet_verdict_stale_served_total}).
   *
   * @param registry the registry
   */
  public void bindMetrics(MeterRegistry registry) {
    CaffeineCacheMetrics.monitor(registry, cache, CACHE_NAME);
    FunctionCounter.builder("signet.verdict.stale.served", staleServed, AtomicLong::get)
        .description("Verified verdicts served past their TTL because a fresh verification could not decide")
        .register(registry);
  }

  /** Drops every cached verdict, including those kept for stale-if-error. */
  public void invalidateAll() {
    cache.synchronous().invalidateAll();
    if (lastVerified != null) {
      lastVerified.invalidateAll();
    }
  }

  /** @return the approximate number of cached verdicts (including loads in flight) */
  public long estimatedSize() {
    return cache.synchronous().estimatedSize();
  }
}
