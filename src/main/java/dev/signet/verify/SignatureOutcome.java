package dev.signet.verify;

/**
 * What verification made of one signature record.
 *
 * @param signatureId signature OCID
 * @param kmsKeyId key OCID named by the record
 * @param kmsKeyVersionId key version OCID named by the record
 * @param result the outcome
 * @param detail a short human-readable explanation (never secrets)
 */
public record SignatureOutcome(String signatureId, String kmsKeyId, String kmsKeyVersionId, Result result,
    String detail) {

  /** Per-signature results. */
  public enum Result {
    /** Vault said valid and the message binds this image. */
    VALID,
    /** Not by a trusted key, key version or allowed algorithm. */
    UNTRUSTED,
    /** Trusted, but the message names another digest, repository, key or algorithm. */
    MESSAGE_MISMATCH,
    /** Trusted, but not AVAILABLE. */
    REVOKED,
    /** Vault said not valid. */
    INVALID,
    /** Vault could not answer. */
    ERROR,
    /** Not checked, because the threshold was already reached. */
    SKIPPED
  }
}
