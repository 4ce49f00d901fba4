package dev.signet.verify;

import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import dev.signet.verify.CandidateScreen.Screened;
import dev.signet.verify.SignatureOutcome.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The verification rule for one image digest under one trust set (DESIGN §4 steps 4-7).
 *
 * <ol>
 *   <li>Lists every signature of the digest ({@link SignatureSource}).
 *   <li>Screens each: a candidate is by a trusted key (pinned version when pinned) with an allowed
 *       algorithm, {@code AVAILABLE}, and its stored message decodes to a JSON object whose
 *       {@code imageDigest}, {@code repositoryName}, {@code kmsKeyId}, {@code kmsKeyVersionId} and
 *       {@code signingAlgorithm} equal the image's digest and repository and the record's own fields.
 *   <li>Asks Vault ({@link SignatureVerifier}) about candidates, in listing order, until
 *       {@code threshold} distinct trusted keys have a valid signature; later candidates, and further
 *       candidates of a key already valid, are {@code SKIPPED}.
 *   <li>Decides: {@link Verdict.Verified} when the threshold is reached (errors elsewhere do not matter);
 *       otherwise {@link Verdict.Error} when any step hit a {@link BackendException} or the deadline;
 *       otherwise {@link Verdict.NotVerified} with the first code that applies of {@code ThresholdNotMet},
 *       {@code MessageMismatch}, {@code SignatureRevoked}, {@code InvalidSignature}, {@code UntrustedKey},
 *       {@code NoSignature}.
 * </ol>
 * Thread-safe when its collaborators are.
 */
public final class ImageVerifier implements DigestVerification {
  static final String DEADLINE = "deadline exceeded";

  private final SignatureSource source;
  private final SignatureVerifier verifier;
  private final Clock clock;

  /**
   * @param source lists signatures (OCIR {@code ListContainerImageSignatures})
   * @param verifier asks Vault {@code Verify}
   */
  public ImageVerifier(SignatureSource source, SignatureVerifier verifier) {
    this(source, verifier, Clock.systemUTC());
  }

  /**
   * @param source lists signatures
   * @param verifier asks Vault {@code Verify}
   * @param clock the clock deadlines are compared with
   */
  public ImageVerifier(SignatureSource source, SignatureVerifier verifier, Clock clock) {
    this.source = Objects.requireNonNull(source, "source");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Verifies without a deadline.
   *
   * @param repository the OCIR repository
   * @param digest the image digest, {@code sha256:<64 hex>}
   * @param trust what the policy trusts
   * @return the verdict (see the class description); never {@code null}
   */
  public Verdict verify(OcirRepository repository, Digest digest, TrustSet trust) {
    return verify(repository, digest, trust, null);
  }

  /**
   * Verifies, giving up with {@link Verdict.Error} ("deadline exceeded") when the deadline has passed
   * before the listing or before a Vault call.
   *
   * @param repository the OCIR repository
   * @param digest the image digest, {@code sha256:<64 hex>}
   * @param trust what the policy trusts
   * @param deadline when the answer is needed, or {@code null} for none
   * @return the verdict (see the class description); never {@code null}
   */
  @Override
  public Verdict verify(OcirRepository repository, Digest digest, TrustSet trust, Instant deadline) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(trust, "trust");
    if (expired(deadline)) {
      return new Verdict.Error(digest, List.of(), DEADLINE);
    }
    List<SignatureRecord> records;
    try {
      records = source.list(repository, digest, trust.compartmentId(), trust.compartmentIdInSubtree());
    } catch (BackendException e) {
      return new Verdict.Error(digest, List.of(), e.getMessage());
    } catch (RuntimeException e) {
      return new Verdict.Error(digest, List.of(), "signature listing failed: " + e);
    }
    List<Screened> screened = records == null ? List.of() : records.stream().filter(Objects::nonNull)
        .map(r -> CandidateScreen.screen(r, repository, digest, trust)).toList();
    return askVault(digest, screened, Math.max(1, trust.threshold()), deadline);
  }

  private Verdict askVault(Digest digest, List<Screened> screened, int threshold, Instant deadline) {
    List<SignatureOutcome> outcomes = new ArrayList<>(screened.size());
    Set<String> validKeys = new LinkedHashSet<>();
    String firstError = null;
    for (Screened s : screened) {
      SignatureOutcome o;
      if (!s.candidate()) {
        o = s.outcome();
      } else if (validKeys.size() >= threshold) {
        o = CandidateScreen.outcome(s.record(), Result.SKIPPED, "threshold already reached");
      } else if (validKeys.contains(s.key().kmsKeyId())) {
        o = CandidateScreen.outcome(s.record(), Result.SKIPPED, "key already has a valid signature");
      } else if (expired(deadline)) {
        o = CandidateScreen.outcome(s.record(), Result.ERROR, DEADLINE);
      } else {
        o = askVault(s);
      }
      if (o.result() == Result.VALID) {
        validKeys.add(s.key().kmsKeyId());
      } else if (o.result() == Result.ERROR && firstError == null) {
        firstError = o.detail();
      }
      outcomes.add(o);
    }
    return VerdictRules.decide(digest, outcomes, List.copyOf(validKeys), threshold, firstError);
  }

  private SignatureOutcome askVault(Screened s) {
    try {
      boolean valid = verifier.verify(s.key(), s.record());
      return CandidateScreen.outcome(s.record(), valid ? Result.VALID : Result.INVALID,
          valid ? "Vault: valid" : "Vault: not valid");
    } catch (BackendException e) {
      return CandidateScreen.outcome(s.record(), Result.ERROR, e.getMessage());
    } catch (RuntimeException e) {
      return CandidateScreen.outcome(s.record(), Result.ERROR, "Vault Verify failed: " + e);
    }
  }

  private boolean expired(Instant deadline) {
    return deadline != null && clock.instant().isAfter(deadline);
  }
}
