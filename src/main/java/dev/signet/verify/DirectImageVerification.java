package dev.signet.verify;

import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@link ImageVerification} without caching: resolves the tag with a {@link DigestResolver} when the
 * reference has no digest, then hands the digest to a {@link DigestVerification} (usually an
 * {@link ImageVerifier}, or a caching decorator of it).
 */
public final class DirectImageVerification implements ImageVerification {
  private final DigestResolver resolver;
  private final DigestVerification verification;
  private final Clock clock;

  /**
   * @param resolver resolves tags to digests (DESIGN §3 "Tag → digest")
   * @param verification verifies a digest (DESIGN §4 steps 4-7)
   */
  public DirectImageVerification(DigestResolver resolver, DigestVerification verification) {
    this(resolver, verification, Clock.systemUTC());
  }

  /**
   * @param resolver resolves tags to digests
   * @param verification verifies a digest
   * @param clock the clock deadlines are compared with
   */
  public DirectImageVerification(DigestResolver resolver, DigestVerification verification, Clock clock) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.verification = Objects.requireNonNull(verification, "verification");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@inheritDoc} */
  @Override
  public Verdict verify(OcirRepository repository, String tag, Digest digestOrNull, TrustSet trust,
      Instant deadline) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(trust, "trust");
    if (digestOrNull != null) {
      return verification.verify(repository, digestOrNull, trust, deadline);
    }
    if (tag == null || tag.isBlank()) {
      return new Verdict.NotVerified(null, List.of(), ReasonCode.InvalidReference,
          "reference has neither tag nor digest");
    }
    if (deadline != null && clock.instant().isAfter(deadline)) {
      return new Verdict.Error(null, List.of(), "deadline exceeded");
    }
    Digest digest;
    try {
      digest = resolver.resolve(repository, tag, trust.compartmentId(), trust.compartmentIdInSubtree());
    } catch (ImageNotFoundException e) {
      return new Verdict.NotVerified(null, List.of(), ReasonCode.ImageNotFound, notFoundText(repository, tag, e));
    } catch (BackendException e) {
      return new Verdict.Error(null, List.of(), e.getMessage());
    }
    if (digest == null) {
      return new Verdict.Error(null, List.of(), "digest lookup for tag " + tag + " returned nothing");
    }
    return verification.verify(repository, digest, trust, deadline);
  }

  private static String notFoundText(OcirRepository repository, String tag, ImageNotFoundException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? "no image tagged " + tag + " in " + repository.repositoryName() : m;
  }
}
