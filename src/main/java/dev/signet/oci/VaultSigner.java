package dev.signet.oci;

import com.oracle.bmc.keymanagement.KmsCryptoClient;
import com.oracle.bmc.keymanagement.model.SignDataDetails;
import com.oracle.bmc.keymanagement.requests.SignRequest;
import com.oracle.bmc.keymanagement.responses.SignResponse;
import com.oracle.bmc.model.BmcException;
import dev.signet.verify.BackendException;

/**
 * Signs a message with a Vault key: KMS crypto {@code Sign} with message type {@code RAW} (DESIGN §3 "Signed
 * message": the base64 of the JSON text is sent, so the JSON bytes are what is signed), on the key's crypto
 * endpoint ({@link OciEndpoints#cryptoEndpoint(String, String)}).
 */
public final class VaultSigner {
  static final String SIGN = "Sign";

  private final OciClients clients;

  /** @param clients shared SDK clients (their registry receives the {@code signet_oci_*} metrics) */
  public VaultSigner(OciClients clients) {
    this.clients = clients;
  }

  /**
   * @param kmsKeyId key OCID
   * @param kmsKeyVersionId key version OCID
   * @param signingAlgorithm e.g. {@code SHA_256_RSA_PKCS_PSS}
   * @param base64Message the message, base64 (standard alphabet, padded) of the bytes to sign
   * @param cryptoEndpoint an explicit crypto endpoint for this key, or {@code null} for the configured or
   *     derived one
   * @return the signature, base64, as Vault returns it
   * @throws IllegalArgumentException when the algorithm is unknown or no crypto endpoint can be derived
   * @throws BackendException when Vault refuses or does not answer
   */
  public String sign(String kmsKeyId, String kmsKeyVersionId, String signingAlgorithm, String base64Message,
      String cryptoEndpoint) throws BackendException {
    SignDataDetails.SigningAlgorithm algorithm = SignDataDetails.SigningAlgorithm.create(signingAlgorithm);
    KmsCryptoClient client = clients.crypto(clients.endpoints().cryptoEndpoint(kmsKeyId, cryptoEndpoint));
    SignRequest request = SignRequest.builder().signDataDetails(SignDataDetails.builder().keyId(kmsKeyId)
        .keyVersionId(kmsKeyVersionId).message(base64Message).signingAlgorithm(algorithm)
        .messageType(SignDataDetails.MessageType.Raw).build()).build();
    SignResponse response;
    try {
      response = clients.calls().run(SIGN, () -> client.sign(request));
    } catch (BmcException e) {
      throw OciCalls.backendError(SIGN, e);
    }
    if (response.getSignedData() == null || response.getSignedData().getSignature() == null) {
      throw new BackendException(SIGN, 0, "Vault answered without a signature", null);
    }
    return response.getSignedData().getSignature();
  }
}
