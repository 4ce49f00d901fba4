package dev.signet.verify;

import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import java.time.Instant;

/**
 * The whole per-image flow for one (image, trust set): resolve the tag when the reference has no
 * digest (DESIGN §4 step 3), then verify the digest (steps 4-7). Callers make one call per image and
 * policy trust set.
 */
public interface ImageVerification {
  /**
   * @param repository the OCIR repository the image lives in
   * @param tag the reference's tag (e.g. {@code v1.0}); ignored when {@code digestOrNull} is given
   * @param digestOrNull the reference's digest, or {@code null} to resolve {@code tag}; a digest is never
   *     looked up first (an unknown digest simply has {@code NoSignature})
   * @param trust what the policy trusts (its compartment is where the tag is resolved)
   * @param deadline when the answer is needed, or {@code null} for none
   * @return {@link Verdict.Verified}; {@link Verdict.NotVerified} (with {@code ImageNotFound} and a
   *     {@code null} digest when the tag does not exist); or {@link Verdict.Error} when a backend could
   *     not answer or the deadline passed. Never throws for backend failures.
   */
  Verdict verify(OcirRepository repository, String tag, Digest digestOrNull, TrustSet trust, Instant deadline);
}
