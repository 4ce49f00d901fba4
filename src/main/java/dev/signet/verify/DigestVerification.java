package dev.signet.verify;

import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import java.time.Instant;

/**
 * Verifies one known image digest under one trust set (DESIGN §4 steps 4-7). Implemented by
 * {@link ImageVerifier}; caches decorate it.
 */
@FunctionalInterface
public interface DigestVerification {
  /**
   * @param repository the OCIR repository the image lives in
   * @param digest the image digest, {@code sha256:<64 hex>}
   * @param trust what the policy trusts
   * @param deadline when the answer is needed, or {@code null} for none; passing it yields an
   *     {@link Verdict.Error} ("deadline exceeded")
   * @return the verdict; never {@code null}, never throws for backend failures (they become {@link Verdict.Error})
   */
  Verdict verify(OcirRepository repository, Digest digest, TrustSet trust, Instant deadline);
}
