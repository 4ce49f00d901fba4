package dev.signet.cache;

import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import dev.signet.verify.DigestResolver;
import dev.signet.verify.DigestVerification;
import dev.signet.verify.DirectImageVerification;
import dev.signet.verify.ImageVerification;
import dev.signet.verify.TrustSet;
import dev.signet.verify.Verdict;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The per-image flow of {@link DirectImageVerification} with both caches of DESIGN §7 in front of the
 * backends: tags are resolved through a {@link CachingDigestResolver}, digests verified through a
 * {@link VerdictCache} keyed by (region, tenancy namespace, repository, digest, trust-set hash). Callers
 * make one call per (image, policy trust set); concurrent calls for one image share one lookup and one
 * verification.
 */
public final class CachingImageVerification implements ImageVerification {
  private final CachingDigestResolver digests;
  private final VerdictCache verdicts;
  private final DigestVerification verifier;
  private final Clock clock;

  /**
   * @param resolver the real tag resolver (OCIR)
   * @param verifier the real digest verification, usually a {@link dev.signet.verify.ImageVerifier}
   * @param settings cache settings
   */
  public CachingImageVerification(DigestResolver resolver, DigestVerification verifier, CacheSettings settings) {
    this(new CachingDigestResolver(resolver, settings), new VerdictCache(settings), verifier, Clock.systemUTC());
  }

  /**
   * @param digests the digest cache
   * @param verdicts the verdict cache
   * @param verifier the real digest verification
   * @param clock the clock deadlines are compared with
   */
  public CachingImageVerification(CachingDigestResolver digests, VerdictCache verdicts, DigestVerification verifier,
      Clock clock) {
    this.digests = Objects.requireNonNull(digests, "digests");
    this.verdicts = Objects.requireNonNull(verdicts, "verdicts");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@inheritDoc} */
  @Override
  public Verdict verify(OcirRepository repository, String tag, Digest digestOrNull, TrustSet trust,
      Instant deadline) {
    DigestResolver resolver = (repo, t, compartment, inSubtree) -> digests.resolve(repo, t, compartment, inSubtree,
        deadline);
    DigestVerification cached = (repo, digest, ts, dl) -> verdicts.get(VerdictKey.of(repo, digest, ts), dl,
        () -> verifier.verify(repo, digest, ts, dl));
    return new DirectImageVerification(resolver, cached, clock).verify(repository, tag, digestOrNull, trust, deadline);
  }

  /**
   * Registers Micrometer's Caffeine metrics for both caches: {@code signet_digests} and
   * {@code signet_verdicts} (plus the stale-served counter of {@link VerdictCache#bindMetrics}).
   *
   * @param registry the registry
   */
  public void bindMetrics(MeterRegistry registry) {
    digests.bindMetrics(registry);
    verdicts.bindMetrics(registry);
  }

  /** @return the digest cache */
  public CachingDigestResolver digestCache() {
    return digests;
  }

  /** @return the verdict cache */
  public VerdictCache verdictCache() {
    return verdicts;
  }
}
