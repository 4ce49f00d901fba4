package dev.signet.cache;

import static dev.signet.verify.TestImages.PSS256;
import static dev.signet.verify.TestImages.REPO;
import static dev.signet.verify.TestImages.digest;
import static dev.signet.verify.TestImages.key;
import static dev.signet.verify.TestImages.message;
import static dev.signet.verify.TestImages.trust;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.signet.emulator.DemoSeed;
import dev.signet.image.Digest;
import dev.signet.verify.FakeDigestResolver;
import dev.signet.verify.FakeSignatureSource;
import dev.signet.verify.FakeVault;
import dev.signet.verify.ImageVerifier;
import dev.signet.verify.ReasonCode;
import dev.signet.verify.TestImages.MutableClock;
import dev.signet.verify.TrustSet;
import dev.signet.verify.TrustedKey;
import dev.signet.verify.Verdict;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VerdictCacheTest {
  private static final Digest V1 = digest("v1.0");
  private static final Digest UNSIGNED = digest("v2.0-unsigned");
  private static final TrustSet RELEASE = trust(1, "release");
  private static final CacheSettings STALE_1M = new CacheSettings(Duration.ofSeconds(30), Duration.ofMinutes(5),
      Duration.ofSeconds(30), 1000, Duration.ofMinutes(1));

  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;
  private final MutableClock clock = new MutableClock();
  private final FakeDigestResolver resolver = new FakeDigestResolver().tag("v1.0", V1);
  private final FakeSignatureSource source = new FakeSignatureSource()
      .add(V1, FakeVault.sign("sig1", "release", message(V1, "release", PSS256), "AVAILABLE"));
  private final FakeVault vault = new FakeVault();

  private static final int HUNDRED = 100;
  private final ExecutorService pool = Executors.newFixedThreadPool(HUNDRED);
  private VerdictCache verdicts;

  @AfterEach
  void stopThreads() {
    pool.shutdownNow();
  }

  private CachingImageVerification flow(CacheSettings settings) {
    verdicts = new VerdictCache(settings, ticker, clock);
    return new CachingImageVerification(new CachingDigestResolver(resolver, settings, ticker, clock), verdicts,
        new ImageVerifier(source, vault, clock), clock);
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  /** Starts the task on 100 threads released together; returns their futures. */
  private static <T> List<Future<T>> launchHundred(ExecutorService pool, Callable<T> task) throws Exception {
    CountDownLatch ready = new CountDownLatch(HUNDRED);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < HUNDRED; i++) {
      futures.add(pool.submit(() -> {
        ready.countDown();
        start.await();
        return task.call();
      }));
    }
    ready.await(30, TimeUnit.SECONDS);
    start.countDown();
    return futures;
  }

  private static <T> List<T> collect(List<Future<T>> futures) throws Exception {
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get(30, TimeUnit.SECONDS));
    }
    return results;
  }

  @Test
  void sharesOneLookupListingAndVaultCallAmongHundredConcurrentCallers() throws Exception {
    CachingImageVerification flow = flow(CacheSettings.DEFAULTS);
    resolver.sleep(50);
    source.sleep(50);
    vault.sleep(50);
    List<Verdict> results = collect(launchHundred(pool, () -> flow.verify(REPO, "v1.0", null, RELEASE, null)));
    results.forEach(v -> assertInstanceOf(Verdict.Verified.class, v));
    assertEquals(1, resolver.calls());
    assertEquals(1, source.calls());
    assertEquals(1, vault.calls());
  }

  @Test
  void sharesOneErrorWithEveryWaiterThenRetries() throws Exception {
    CachingImageVerification flow = flow(CacheSettings.DEFAULTS);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    flow.bindMetrics(registry);
    CountDownLatch gate = new CountDownLatch(1);
    vault.gate(gate);
    vault.failAll(503);
    List<Future<Verdict>> futures = launchHundred(pool, () -> flow.verify(REPO, "v1.0", V1, RELEASE, null));
    // Hold the leader in Vault until the 99 others have joined its flight (each counts as a cache hit).
    FunctionCounter hits = registry.get("cache.gets").tag("cache", "signet_verdicts").tag("result", "hit")
        .functionCounter();
    for (int i = 0; i < 3000 && hits.count() < HUNDRED - 1; i++) {
      Thread.sleep(10);
    }
    assertEquals(HUNDRED - 1, hits.count());
    gate.countDown();
    List<Verdict> results = collect(futures);
    results.forEach(v -> assertInstanceOf(Verdict.Error.class, v));
    assertEquals(1, vault.calls());
    vault.failAll(0);
    assertInstanceOf(Verdict.Verified.class, flow.verify(REPO, "v1.0", V1, RELEASE, null));
    assertEquals(2, vault.calls());
  }

  @Test
  void doesNotCacheErrors() {
    CachingImageVerification flow = flow(CacheSettings.DEFAULTS);
    source.fail(500);
    assertInstanceOf(Verdict.Error.class, flow.verify(REPO, "v1.0", V1, RELEASE, null));
    assertEquals(0, verdicts.estimatedSize());
    source.fail(0);
    assertInstanceOf(Verdict.Verified.class, flow.verify(REPO, "v1.0", V1, RELEASE, null));
    assertEquals(2, source.calls());
  }

  @Test
  void cachesNotVerifiedForItsOwnTtl() {
    CachingImageVerification flow = flow(CacheSettings.DEFAULTS);
    assertEquals(ReasonCode.NoSignature, flow.verify(REPO, "v2", UNSIGNED, RELEASE, null).reason());
    advance(Duration.ofSeconds(29));
    assertEquals(ReasonCode.NoSignature, flow.verify(REPO, "v2", UNSIGNED, RELEASE, null).reason());
    assertEquals(1, source.calls());
    advance(Duration.ofSeconds(2));
    flow.verify(REPO, "v2", UNSIGNED, RELEASE, null);
    assertEquals(2, source.calls());
  }

  @Test
  void cachesVerifiedForItsOwnTtl() {
    CachingImageVerification flow = flow(CacheSettings.DEFAULTS);
    Verdict first = flow.verify(REPO, "v1.0", V1, RELEASE, null);
    advance(Duration.ofSeconds(299));
    assertSame(first, flow.verify(REPO, "v1.0", V1, RELEASE, null));
    assertEquals(1, source.calls());
    advance(Duration.ofSeconds(2));
    assertInstanceOf(Verdict.Verified.class, flow.verify(REPO, "v1.0", V1, RELEASE, null));
    assertEquals(2, source.calls());
  }

  @Test
  void neverReusesVerdictForChangedTrustSet() {
    CachingImageVerification flow = flow(CacheSettings.DEFAULTS);
    assertInstanceOf(Verdict.Verified.class, flow.verify(REPO, "v1.0", V1, RELEASE, null));
    assertEquals(ReasonCode.UntrustedKey, flow.verify(REPO, "v1.0", V1, trust(1, "qa"), null).reason());
    assertEquals(ReasonCode.ThresholdNotMet,
        flow.verify(REPO, "v1.0", V1, trust(2, "release", "qa"), null).reason());
    TrustSet pinned = new TrustSet(DemoSeed.COMPARTMENT_ID, false,
        List.of(new TrustedKey(key("release"), Set.of("ocid1.keyversion.oc1.phx.0.x.other"), null)), Set.of(), 1);
    assertEquals(ReasonCode.UntrustedKey, flow.verify(REPO, "v1.0", V1, pinned, null).reason());
    assertEquals(4, source.calls());
    assertInstanceOf(Verdict.Verified.class, flow.verify(REPO, "v1.0", V1, RELEASE, null));
    assertEquals(4, source.calls(), "the unchanged trust set still hits its own entry");
  }

  @Test
  void servesStaleVerifiedWithinWindowOnly() {
    CachingImageVerification flow = flow(STALE_1M);
    Verdict fresh = flow.verify(REPO, "v1.0", V1, RELEASE, null);
    advance(Duration.ofMinutes(5).plusSeconds(10));
    vault.failAll(503);
    assertSame(fresh, flow.verify(REPO, "v1.0", V1, RELEASE, null));
    assertEquals(1, verdicts.staleServed());
    assertEquals(2, vault.calls(), "a fresh verification was attempted first");
    advance(Duration.ofSeconds(51)); // 6 min 1 s after the load
    assertInstanceOf(Verdict.Error.class, flow.verify(REPO, "v1.0", V1, RELEASE, null));
    assertEquals(1, verdicts.staleServed());
  }

  @Test
  void forgetsStaleVerdictOnceNotVerified() {
    CachingImageVerification flow = flow(STALE_1M);
    flow.verify(REPO, "v1.0", V1, RELEASE, null);
    advance(Duration.ofMinutes(5).plusSeconds(1));
    source.set(V1, FakeVault.sign("sig1", "release", message(V1, "release", PSS256), "DELETED"));
    assertEquals(ReasonCode.SignatureRevoked, flow.verify(REPO, "v1.0", V1, RELEASE, null).reason());
    advance(Duration.ofSeconds(31));
    source.fail(500);
    assertInstanceOf(Verdict.Error.class, flow.verify(REPO, "v1.0", V1, RELEASE, null));
    assertEquals(0, verdicts.staleServed());
  }

  @Test
  void servesNoStaleVerdictWhenWindowIsOff() {
    CachingImageVerification flow = flow(CacheSettings.DEFAULTS);
    flow.verify(REPO, "v1.0", V1, RELEASE, null);
    advance(Duration.ofMinutes(5).plusSeconds(1));
    vault.failAll(503);
    assertInstanceOf(Verdict.Error.class, flow.verify(REPO, "v1.0", V1, RELEASE, null));
  }

  @Test
  void waiterGivesUpAtItsDeadlineWhileLeaderCarriesOn() throws Exception {
    CachingImageVerification flow = flow(CacheSettings.DEFAULTS);
    CountDownLatch gate = new CountDownLatch(1);
    vault.gate(gate);
    Future<Verdict> leader = pool.submit(() -> flow.verify(REPO, "v1.0", V1, RELEASE, null));
    while (vault.calls() == 0) {
      Thread.sleep(5);
    }
    Verdict waiter = flow.verify(REPO, "v1.0", V1, RELEASE, clock.instant().plusMillis(50));
    assertEquals("deadline exceeded waiting for a shared verification", waiter.message());
    gate.countDown();
    assertInstanceOf(Verdict.Verified.class, leader.get(30, TimeUnit.SECONDS));
    assertEquals(1, vault.calls());
  }

  @Test
  void bindsCaffeineMetricsForBothCaches() {
    CachingImageVerification flow = flow(CacheSettings.DEFAULTS);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    flow.bindMetrics(registry);
    flow.verify(REPO, "v1.0", null, RELEASE, null);
    flow.verify(REPO, "v1.0", null, RELEASE, null);
    for (String cache : List.of("signet_digests", "signet_verdicts")) {
      assertEquals(1.0, registry.get("cache.gets").tag("cache", cache).tag("result", "miss").functionCounter().count());
      assertEquals(1.0, registry.get("cache.gets").tag("cache", cache).tag("result", "hit").functionCounter().count());
    }
  }
}
