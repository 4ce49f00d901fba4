package dev.signet.sign;

import dev.signet.verify.SignatureRecord;
import dev.signet.verify.SignedMessage;

/** What {@link ImageSigner#sign} did. */
public sealed interface SignOutcome {
  /** @return the image signed (or found signed) */
  SignableImage image();

  /**
   * A new signature was uploaded.
   *
   * @param image the image signed
   * @param message the message signed (its {@link SignedMessage#toBase64()} is the stored {@code message})
   * @param signature the signature as OCIR stored it, with its OCID and lifecycle state
   */
  record Created(SignableImage image, SignedMessage message, SignatureRecord signature) implements SignOutcome {}

  /**
   * Nothing was uploaded: an {@code AVAILABLE} signature of this image by the same key, key version and algorithm,
   * whose message names this digest and repository, already exists.
   *
   * @param image the image
   * @param existing the signature found
   */
  record AlreadySigned(SignableImage image, SignatureRecord existing) implements SignOutcome {}
}
