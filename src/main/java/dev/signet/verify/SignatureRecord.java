package dev.signet.verify;

/**
 * One container image signature as the Artifacts API returns it
 * ({@code ContainerImageSignatureSummary} of {@code ListContainerImageSignatures}).
 *
 * @param id signature OCID
 * @param imageId image OCID
 * @param kmsKeyId master encryption key OCID that signed
 * @param kmsKeyVersionId key version OCID that signed
 * @param signingAlgorithm e.g. {@code SHA_256_RSA_PKCS_PSS}
 * @param message the signed message, base64 of the JSON text, exactly as stored
 * @param signature the signature, base64, exactly as stored
 * @param lifecycleState {@code AVAILABLE}, {@code DELETING} or {@code DELETED}
 */
public record SignatureRecord(
    String id,
    String imageId,
    String kmsKeyId,
    String kmsKeyVersionId,
    String signingAlgorithm,
    String message,
    String signature,
    String lifecycleState) {}
