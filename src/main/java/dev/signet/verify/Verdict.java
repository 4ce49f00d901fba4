package dev.signet.verify;

import dev.signet.image.Digest;
import java.util.List;

/**
 * The result of verifying one image digest under one trust set (DESIGN §4 step 6).
 * Three shapes: {@link Verified}, {@link NotVerified} and {@link Error} (could not decide).
 */
public sealed interface Verdict permits Verdict.Verified, Verdict.NotVerified, Verdict.Error {

  /** @return the digest verified, or {@code null} when it could not be resolved */
  Digest digest();

  /** @return per-signature outcomes, in listing order (may be empty) */
  List<SignatureOutcome> signatures();

  /** @return the reason code, or {@code null} when verified */
  ReasonCode reason();

  /** @return a short human-readable explanation */
  String message();

  /**
   * Enough distinct trusted keys have valid signatures.
   *
   * @param digest the digest
   * @param signatures per-signature outcomes
   * @param keys the distinct trusted key OCIDs that signed validly
   */
  record Verified(Digest digest, List<SignatureOutcome> signatures, List<String> keys) implements Verdict {
    @Override
    public ReasonCode reason() {
      return null;
    }

    @Override
    public String message() {
      return "verified by " + keys.size() + " trusted key(s)";
    }
  }

  /**
   * Decided: the image is not signed as required.
   *
   * @param digest the digest, or {@code null} (e.g. {@code ImageNotFound})
   * @param signatures per-signature outcomes
   * @param reason the reason code
   * @param message a short explanation
   */
  record NotVerified(Digest digest, List<SignatureOutcome> signatures, ReasonCode reason, String message)
      implements Verdict {}

  /**
   * Could not decide (timeout, 5xx, 429, auth). Never cached, never admits under Enforce.
   *
   * @param digest the digest, or {@code null} when resolution failed
   * @param signatures per-signature outcomes so far
   * @param message what failed
   */
  record Error(Digest digest, List<SignatureOutcome> signatures, String message) implements Verdict {
    @Override
    public ReasonCode reason() {
      return ReasonCode.BackendError;
    }
  }
}
