package dev.signet.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import dev.signet.verify.BackendException;
import dev.signet.verify.DigestResolver;
import dev.signet.verify.ImageNotFoundException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A {@link DigestResolver} that remembers tag → digest answers for {@link CacheSettings#digestTtl()}
 * (key: {@link DigestKey}) and lets concurrent lookups of one key share a single call to the delegate.
 * {@link ImageNotFoundException} and {@link BackendException} are handed to every caller of that flight
 * but never cached. Bounded by {@link CacheSettings#maxSize()}.
 */
public final class CachingDigestResolver implements DigestResolver {
  /** Cache name used for metrics. */
  public static final String CACHE_NAME = "signet_digests";
  private static final String OPERATION = "ListContainerImages";

  private final DigestResolver delegate;
  private final AsyncCache<DigestKey, Lookup> cache;

  /**
   * What a flight ends with. Failures are values, not exceptional completions, so that expected outcomes
   * (ImageNotFound, BackendError) never reach Caffeine's "Exception thrown during asynchronous load" logging.
   */
  private sealed interface Lookup permits Found, Failed {}

  private record Found(Digest digest) implements Lookup {}

  private record Failed(Exception error) implements Lookup {}
  private final Clock clock;

  /**
   * @param delegate the real resolver (OCIR)
   * @param settings cache settings
   */
  public CachingDigestResolver(DigestResolver delegate, CacheSettings settings) {
    this(delegate, settings, Ticker.systemTicker(), Clock.systemUTC());
  }

  /**
   * @param delegate the real resolver (OCIR)
   * @param settings cache settings
   * @param ticker time source for expiry (nanoseconds)
   * @param clock the clock deadlines are compared with
   */
  public CachingDigestResolver(DigestResolver delegate, CacheSettings settings, Ticker ticker, Clock clock) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cache = Caffeine.newBuilder()
        .maximumSize(settings.maxSize())
        .expireAfterWrite(settings.digestTtl())
        .ticker(ticker)
        .executor(Runnable::run)
        .recordStats()
        .buildAsync();
  }

  /** Resolves without a deadline; see {@link #resolve(OcirRepository, String, String, boolean, Instant)}. */
  @Override
  public Digest resolve(OcirRepository repository, String tag, String compartmentId, boolean compartmentIdInSubtree)
      throws ImageNotFoundException, BackendException {
    return resolve(repository, tag, compartmentId, compartmentIdInSubtree, null);
  }

  /**
   * Resolves a tag, from the cache when a fresh answer exists, else by one shared call to the delegate.
   *
   * @param repository the OCIR repository
   * @param tag the tag
   * @param compartmentId compartment OCID to search
   * @param compartmentIdInSubtree whether sub-compartments are searched
   * @param deadline how long to wait for a lookup another caller started, or {@code null} for no limit
   * @return the digest
   * @throws ImageNotFoundException when no image in the repository carries the tag
   * @throws BackendException when OCIR could not answer, or the deadline passed while waiting (status 0)
   */
  public Digest resolve(OcirRepository repository, String tag, String compartmentId, boolean compartmentIdInSubtree,
      Instant deadline) throws ImageNotFoundException, BackendException {
    DigestKey key = DigestKey.of(repository, tag, compartmentId, compartmentIdInSubtree);
    SingleFlight.Flight<Lookup> flight = SingleFlight.join(cache, key);
    if (flight.leader()) {
      return lead(key, flight.future(), repository, tag, compartmentId, compartmentIdInSubtree);
    }
    return follow(flight.future(), deadline);
  }

  private Digest lead(DigestKey key, CompletableFuture<Lookup> mine, OcirRepository repository, String tag,
      String compartmentId, boolean inSubtree) throws ImageNotFoundException, BackendException {
    Lookup lookup = null;
    try {
      Digest digest = delegate.resolve(repository, tag, compartmentId, inSubtree);
      lookup = digest != null ? new Found(digest)
          : new Failed(new BackendException(OPERATION, 0, "no digest returned for tag " + tag, null));
    } catch (ImageNotFoundException | BackendException | RuntimeException e) {
      lookup = new Failed(e);
    } finally {
      if (!(lookup instanceof Found)) {
        cache.asMap().remove(key, mine); // failures are shared with this flight's waiters, never cached
      }
      mine.complete(lookup != null ? lookup
          : new Failed(new BackendException(OPERATION, 0, "digest lookup aborted", null)));
    }
    return unwrap(lookup, true);
  }

  private Digest follow(CompletableFuture<Lookup> shared, Instant deadline)
      throws ImageNotFoundException, BackendException {
    Lookup lookup;
    try {
      lookup = SingleFlight.await(shared, deadline, clock);
    } catch (ExecutionException e) {
      throw new BackendException(OPERATION, 0, "digest lookup failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new BackendException(OPERATION, 0, "deadline exceeded waiting for a shared digest lookup", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException(OPERATION, 0, "interrupted waiting for a shared digest lookup", e);
    }
    return unwrap(lookup, false);
  }

  /** @param leader whether the caller ran the lookup: only it gets an unexpected runtime failure as is */
  private static Digest unwrap(Lookup lookup, boolean leader) throws ImageNotFoundException, BackendException {
    if (lookup instanceof Found found) {
      return found.digest();
    }
    Exception error = ((Failed) lookup).error();
    if (error instanceof ImageNotFoundException inf) {
      throw inf;
    }
    if (error instanceof BackendException be) {
      throw be;
    }
    if (leader) {
      throw (RuntimeException) error;
    }
    throw new BackendException(OPERATION, 0, "digest lookup failed: " + error, error);
  }

  /**
   * Registers Micrometer's Caffeine metrics for this cache under the name {@value #CACHE_NAME}.
   *
   * @param registry the registry
   */
  public void bindMetrics(MeterRegistry registry) {
    CaffeineCacheMetrics.monitor(registry, cache, CACHE_NAME);
  }

  /** Drops every cached digest. */
  public void invalidateAll() {
    cache.synchronous().invalidateAll();
  }

  /** @return the approximate number of cached digests (including lookups in flight) */
  public long estimatedSize() {
    return cache.synchronous().estimatedSize();
  }
}
