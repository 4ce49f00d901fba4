package dev.signet.oci;

import com.oracle.bmc.keymanagement.KmsCryptoClient;
import com.oracle.bmc.keymanagement.model.VerifyDataDetails;
import com.oracle.bmc.keymanagement.requests.VerifyRequest;
import com.oracle.bmc.keymanagement.responses.VerifyResponse;
import com.oracle.bmc.model.BmcException;
import dev.signet.verify.BackendException;
import dev.signet.verify.SignatureRecord;
import dev.signet.verify.SignatureVerifier;
import dev.signet.verify.TrustedKey;

/**
 * Asks OCI Vault whether a signature is valid: KMS crypto {@code Verify} with the key, key version, signing
 * algorithm, the stored base64 message as stored, the signature, and message type {@code RAW} (DESIGN §3), on
 * the key's crypto endpoint ({@link OciEndpoints#cryptoEndpoint(TrustedKey)}).
 *
 * <p>Answers: {@code isSignatureValid} as is; 400 or 409 (Vault refuses this one signature, e.g. a disabled key
 * version) → {@code false}; 401, 404, 429, 5xx, timeouts and connection failures → {@link BackendException}.
 * A record that cannot be asked about (another key than {@code key}, no key version, message or signature, or
 * an algorithm the SDK does not know) → {@code false} without a call. A key whose crypto endpoint cannot be
 * derived (bad key OCID and no override) → {@link BackendException} with status 0.
 */
public final class VaultSignatureVerifier implements SignatureVerifier {
  static final String VERIFY = "Verify";

  private final OciClients clients;

  /** @param clients shared SDK clients (their registry receives the {@code signet_oci_*} metrics) */
  public VaultSignatureVerifier(OciClients clients) {
    this.clients = clients;
  }

  @Override
  public boolean verify(TrustedKey key, SignatureRecord signature) throws BackendException {
    if (!key.kmsKeyId().equals(signature.kmsKeyId()) || signature.kmsKeyVersionId() == null
        || signature.message() == null || signature.signature() == null) {
      return false;
    }
    VerifyDataDetails.SigningAlgorithm algorithm;
    try {
      algorithm = VerifyDataDetails.SigningAlgorithm.create(signature.signingAlgorithm());
    } catch (RuntimeException e) {
      return false;
    }
    KmsCryptoClient client = clients.crypto(endpoint(key));
    VerifyRequest request = VerifyRequest.builder().verifyDataDetails(VerifyDataDetails.builder()
        .keyId(key.kmsKeyId()).keyVersionId(signature.kmsKeyVersionId()).message(signature.message())
        .signature(signature.signature()).signingAlgorithm(algorithm)
        .messageType(VerifyDataDetails.MessageType.Raw).build()).build();
    VerifyResponse response;
    try {
      response = clients.calls().run(VERIFY, () -> client.verify(request));
    } catch (BmcException e) {
      if (!e.isTimeout() && (e.getStatusCode() == 400 || e.getStatusCode() == 409)) {
        return false;
      }
      throw OciCalls.backendError(VERIFY, e);
    }
    Boolean valid = response.getVerifiedData() == null ? null : response.getVerifiedData().getIsSignatureValid();
    if (valid == null) {
      throw new BackendException(VERIFY, 0, "Vault answered without isSignatureValid", null);
    }
    return valid;
  }

  private String endpoint(TrustedKey key) throws BackendException {
    try {
      return clients.endpoints().cryptoEndpoint(key);
    } catch (IllegalArgumentException e) {
      throw new BackendException(VERIFY, 0, "no crypto endpoint for the key: " + e.getMessage(), e);
    }
  }
}
