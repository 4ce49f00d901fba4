package dev.signet.verify;

/**
 * Stable reason codes for every non-verified outcome (DESIGN §4 step 7). They appear in denial
 * messages, metrics, logs, reports and the README's troubleshooting table.
 */
public enum ReasonCode {
  /** The image reference cannot be parsed. */
  InvalidReference,
  /** A policy matches the image but its registry is not OCIR, so it cannot carry Vault signatures. */
  NotOcir,
  /** The tag does not exist in the repository. */
  ImageNotFound,
  /** No signature at all for this digest. */
  NoSignature,
  /** Signatures exist, none by a trusted key, key version and algorithm. */
  UntrustedKey,
  /** A trusted signature whose message names another digest, repository, key or algorithm (a replay). */
  MessageMismatch,
  /** Only non-AVAILABLE trusted signatures. */
  SignatureRevoked,
  /** Vault said the signature is not valid. */
  InvalidSignature,
  /** Valid signatures, but from fewer distinct trusted keys than the threshold. */
  ThresholdNotMet,
  /** The matching policy is invalid; fail closed. */
  PolicyInvalid,
  /** A backend could not answer; could not decide. */
  BackendError,
  /**
   * No policy matches the image and the global {@code noMatchAction} is {@code warn} or {@code deny}.
   * Not a verification outcome; used only in admission messages and metrics.
   */
  NoMatchingPolicy
}
