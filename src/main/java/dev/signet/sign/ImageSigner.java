package dev.signet.sign;

import dev.signet.verify.BackendException;
import dev.signet.verify.ImageNotFoundException;
import dev.signet.verify.SignatureRecord;
import dev.signet.verify.SignedMessage;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code signet sign} without the command line (DESIGN §3 and §8), doing what the OCI CLI's
 * {@code oci artifacts container image-signature sign-upload} does: find the image, build the message byte for
 * byte as the OCI CLI does ({@link SignedMessage#toCliJson()}), Vault {@code Sign} it (RAW), and upload it with
 * {@code CreateContainerImageSignature}. Unlike the OCI CLI it is idempotent: when an {@code AVAILABLE} signature
 * of the image by the same key, key version and algorithm whose message names this digest and repository
 * already exists, nothing is signed or uploaded (unless {@link SignRequest#force()}).
 */
public final class ImageSigner {
  private static final String AVAILABLE = "AVAILABLE";

  private final SigningBackend backend;

  /** @param backend the OCI services */
  public ImageSigner(SigningBackend backend) {
    this.backend = Objects.requireNonNull(backend, "backend");
  }

  /**
   * @param request what to sign with which key
   * @return {@link SignOutcome.Created} with the stored signature, or {@link SignOutcome.AlreadySigned}
   * @throws IllegalArgumentException before any call for a refused algorithm or metadata, and before signing for
   *     a message over {@value SigningMessages#MAX_RAW_MESSAGE_BYTES} bytes
   * @throws ImageNotFoundException when the image does not exist
   * @throws BackendException when OCIR or Vault could not answer or refused
   */
  public SignOutcome sign(SignRequest request) throws ImageNotFoundException, BackendException {
    SigningMessages.checkAlgorithm(request.signingAlgorithm());
    SigningMessages.checkMetadata(request.metadata());
    SignableImage image;
    if (request.target() instanceof SignTarget.ById byId) {
      image = backend.describe(byId.imageId());
    } else {
      SignTarget.ByReference ref = (SignTarget.ByReference) request.target();
      image = backend.locate(ref.repository(), ref.tag(), ref.digest(), request.compartmentId());
    }
    SignedMessage message = SigningMessages.check(new SignedMessage(request.description(),
        image.digest().toString(), request.kmsKeyId(), request.kmsKeyVersionId(), request.metadata(),
        request.messageRegion() != null ? request.messageRegion() : image.regionId(), image.repositoryName(),
        request.signingAlgorithm()));
    String compartment = request.compartmentId() != null ? request.compartmentId() : image.compartmentId();
    if (!request.force()) {
      Optional<SignatureRecord> existing = backend.signatures(image, compartment).stream()
          .filter(s -> equivalent(s, image, request)).findFirst();
      if (existing.isPresent()) {
        return new SignOutcome.AlreadySigned(image, existing.get());
      }
    }
    String base64 = message.toBase64();
    String signature = backend.sign(request.kmsKeyId(), request.kmsKeyVersionId(), request.signingAlgorithm(),
        base64);
    SignatureRecord stored = backend.upload(image, compartment, new SignatureRecord(null, image.imageId(),
        request.kmsKeyId(), request.kmsKeyVersionId(), request.signingAlgorithm(), base64, signature, null));
    return new SignOutcome.Created(image, message, stored);
  }

  /** An available signature of this image by the same key version and algorithm that names this image. */
  private static boolean equivalent(SignatureRecord s, SignableImage image, SignRequest request) {
    if (!AVAILABLE.equals(s.lifecycleState()) || !image.imageId().equals(s.imageId())
        || !request.kmsKeyId().equals(s.kmsKeyId()) || !request.kmsKeyVersionId().equals(s.kmsKeyVersionId())
        || !request.signingAlgorithm().equals(s.signingAlgorithm())) {
      return false;
    }
    try {
      SignedMessage m = SignedMessage.decode(s.message());
      return image.digest().toString().equals(m.imageDigest()) && image.repositoryName().equals(m.repositoryName());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
