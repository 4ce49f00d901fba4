package dev.signet.sign;

import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import dev.signet.verify.BackendException;
import dev.signet.verify.ImageNotFoundException;
import dev.signet.verify.SignatureRecord;
import java.util.List;

/** The OCI services {@code signet sign} uses (implemented over the OCI SDK in {@code dev.signet.oci}). */
public interface SigningBackend {
  /**
   * Finds an image by reference (Artifacts {@code ListContainerImages}): a tag is resolved to its digest first.
   *
   * @param repository the OCIR repository
   * @param tag the tag, or {@code null} when {@code digest} is given
   * @param digest the digest, or {@code null} to resolve {@code tag}
   * @param compartmentId compartment OCID searched (not its sub-compartments)
   * @return the image
   * @throws ImageNotFoundException when the tag or digest is not in exactly this repository
   * @throws BackendException when OCIR could not answer
   */
  SignableImage locate(OcirRepository repository, String tag, Digest digest, String compartmentId)
      throws ImageNotFoundException, BackendException;

  /**
   * Reads an image by OCID (Artifacts {@code GetContainerImage}).
   *
   * @param imageId image OCID
   * @return the image
   * @throws ImageNotFoundException when OCIR answers 404
   * @throws BackendException when OCIR could not answer
   */
  SignableImage describe(String imageId) throws ImageNotFoundException, BackendException;

  /**
   * @param image an image
   * @param compartmentId compartment OCID of the signatures
   * @return every signature of exactly this image OCID in that compartment, any lifecycle state
   *     ({@code ListContainerImageSignatures}, every page)
   * @throws BackendException when OCIR could not answer
   */
  List<SignatureRecord> signatures(SignableImage image, String compartmentId) throws BackendException;

  /**
   * Vault {@code Sign}, message type RAW.
   *
   * @param kmsKeyId key OCID
   * @param kmsKeyVersionId key version OCID
   * @param signingAlgorithm e.g. {@code SHA_256_RSA_PKCS_PSS}
   * @param base64Message base64 of the bytes to sign
   * @return the signature, base64
   * @throws BackendException when Vault refuses or does not answer
   */
  String sign(String kmsKeyId, String kmsKeyVersionId, String signingAlgorithm, String base64Message)
      throws BackendException;

  /**
   * Artifacts {@code CreateContainerImageSignature}.
   *
   * @param image the image signed (its region selects the endpoint)
   * @param compartmentId compartment OCID of the new signature
   * @param draft {@code imageId, kmsKeyId, kmsKeyVersionId, signingAlgorithm, message, signature}
   * @return the stored signature
   * @throws BackendException when OCIR refuses or does not answer
   */
  SignatureRecord upload(SignableImage image, String compartmentId, SignatureRecord draft) throws BackendException;
}
