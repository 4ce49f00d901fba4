package dev.signet.verify;

/** Asks OCI Vault whether a signature is valid (KMS crypto {@code Verify}, message type RAW). */
public interface SignatureVerifier {
  /**
   * @param key the trusted key (for its crypto endpoint override)
   * @param signature the signature record; its stored base64 message and signature are sent as stored
   * @return true when Vault says valid; false when Vault says invalid or refuses this one
   *     signature with 400/409 (e.g. a disabled key version)
   * @throws BackendException on 401, 404 NotAuthorizedOrNotFound, 429, 5xx or timeout
   */
  boolean verify(TrustedKey key, SignatureRecord signature) throws BackendException;
}
