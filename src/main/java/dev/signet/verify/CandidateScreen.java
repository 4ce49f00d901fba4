package dev.signet.verify;

import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import dev.signet.verify.SignatureOutcome.Result;
import java.util.Objects;

/**
 * DESIGN §4 step 4: decides, without asking Vault, whether a signature record is a candidate. A
 * record is trusted when its key is trusted, its key version accepted (pins) and its algorithm
 * allowed; a trusted record must then be {@code AVAILABLE} and carry a message that binds this image.
 */
final class CandidateScreen {
  static final String AVAILABLE = "AVAILABLE";
  static final String KEY_NOT_TRUSTED = "key not trusted";

  private CandidateScreen() {}

  /**
   * The verdict of step 4 for one record.
   *
   * @param record the record
   * @param key the trusted key when trusted, else {@code null}
   * @param outcome the final outcome when not a candidate, {@code null} for a candidate
   */
  record Screened(SignatureRecord record, TrustedKey key, SignatureOutcome outcome) {
    boolean candidate() {
      return outcome == null;
    }
  }

  /**
   * A message that does not bind the image.
   *
   * @param field the message field ({@code imageDigest}, … or {@code message} when undecodable)
   * @param found the value the message holds, or the decoding problem
   * @param replay true when the message names another image digest (a replayed signature)
   */
  record Mismatch(String field, String found, boolean replay) {
    String describe() {
      if (field.equals("message")) {
        return "message undecodable: " + found;
      }
      if (found == null) {
        return "message has no " + field;
      }
      return "message names " + noun(field) + " " + found + (replay ? " (replayed)" : "");
    }
  }

  private static String noun(String field) {
    return switch (field) {
      case "imageDigest" -> "digest";
      case "repositoryName" -> "repository";
      case "kmsKeyId" -> "key";
      case "kmsKeyVersionId" -> "key version";
      case "signingAlgorithm" -> "algorithm";
      default -> field;
    };
  }

  /**
   * @param record a listed signature
   * @param repository the image's repository
   * @param digest the image's digest
   * @param trust what the policy trusts
   * @return the screening result
   */
  static Screened screen(SignatureRecord record, OcirRepository repository, Digest digest, TrustSet trust) {
    TrustedKey key = record.kmsKeyId() == null ? null : trust.key(record.kmsKeyId());
    if (key == null) {
      return done(record, null, Result.UNTRUSTED, KEY_NOT_TRUSTED);
    }
    if (record.kmsKeyVersionId() == null
        || !key.acceptsVersion(record.kmsKeyVersionId())) {
      return done(record, null, Result.UNTRUSTED, "key version " + record.kmsKeyVersionId() + " not pinned");
    }
    if (record.signingAlgorithm() == null || !trust.signingAlgorithms().contains(record.signingAlgorithm())) {
      return done(record, null, Result.UNTRUSTED, "algorithm " + record.signingAlgorithm() + " not allowed");
    }
    if (!AVAILABLE.equals(record.lifecycleState())) {
      return done(record, key, Result.REVOKED, "state " + record.lifecycleState());
    }
    Mismatch mismatch = bind(record, repository, digest);
    if (mismatch != null) {
      return new Screened(record, key, outcome(record, Result.MESSAGE_MISMATCH, mismatch.describe()));
    }
    return new Screened(record, key, null);
  }

  /** @return {@code null} when the stored message binds the image and the record, else the first mismatch */
  static Mismatch bind(SignatureRecord record, OcirRepository repository, Digest digest) {
    SignedMessage m;
    try {
      m = SignedMessage.decode(record.message());
    } catch (IllegalArgumentException e) {
      return new Mismatch("message", e.getMessage(), false);
    }
    if (!digest.toString().equals(m.imageDigest())) {
      return new Mismatch("imageDigest", m.imageDigest(), m.imageDigest() != null);
    }
    Mismatch x = differ("repositoryName", m.repositoryName(), repository.repositoryName());
    x = x != null ? x : differ("kmsKeyId", m.kmsKeyId(), record.kmsKeyId());
    x = x != null ? x : differ("kmsKeyVersionId", m.kmsKeyVersionId(), record.kmsKeyVersionId());
    return x != null ? x : differ("signingAlgorithm", m.signingAlgorithm(), record.signingAlgorithm());
  }

  private static Mismatch differ(String field, String inMessage, String expected) {
    return inMessage != null && Objects.equals(inMessage, expected) ? null : new Mismatch(field, inMessage, false);
  }

  private static Screened done(SignatureRecord record, TrustedKey key, Result result, String detail) {
    return new Screened(record, key, outcome(record, result, detail));
  }

  static SignatureOutcome outcome(SignatureRecord record, Result result, String detail) {
    return new SignatureOutcome(record.id(), record.kmsKeyId(), record.kmsKeyVersionId(), result, detail);
  }
}
