package dev.signet.sign;

/**
 * The inputs of {@code signet sign} (DESIGN §8), checked by {@link ImageSigner#sign}.
 *
 * @param target the image to sign
 * @param compartmentId compartment OCID: where an image named by reference is searched, and where the signature
 *     is created; may be {@code null} for an image named by OCID (then the image's own compartment)
 * @param kmsKeyId Vault master key OCID
 * @param kmsKeyVersionId Vault key version OCID
 * @param signingAlgorithm one of the four {@code SHA_*_RSA_PKCS_PSS} names
 * @param description free text written into the message, or {@code null} (written as {@code ""})
 * @param metadata a JSON object text embedded as given, or {@code null} (written as {@code ""})
 * @param messageRegion the full region id written into the message, or {@code null} for the image's region
 * @param force upload even when an equivalent signature already exists
 */
public record SignRequest(SignTarget target, String compartmentId, String kmsKeyId, String kmsKeyVersionId,
    String signingAlgorithm, String description, String metadata, String messageRegion, boolean force) {}
