package dev.signet.oci;

import com.oracle.bmc.artifacts.ArtifactsClient;
import com.oracle.bmc.artifacts.model.ContainerImageSignature;
import com.oracle.bmc.artifacts.model.CreateContainerImageSignatureDetails;
import com.oracle.bmc.artifacts.requests.CreateContainerImageSignatureRequest;
import com.oracle.bmc.model.BmcException;
import dev.signet.verify.BackendException;
import dev.signet.verify.SignatureRecord;
import java.util.UUID;

/**
 * Uploads an image signature: Artifacts {@code CreateContainerImageSignature} with {@code compartmentId,
 * imageId, kmsKeyId, kmsKeyVersionId, message, signature, signingAlgorithm} (DESIGN §3 "Upload"), like the OCI
 * CLI's {@code sign-upload}. A fresh {@code opc-retry-token} makes the SDK's retries safe.
 */
public final class OciSignatureWriter {
  static final String CREATE = "CreateContainerImageSignature";

  private final OciClients clients;

  /** @param clients shared SDK clients (their registry receives the {@code signet_oci_*} metrics) */
  public OciSignatureWriter(OciClients clients) {
    this.clients = clients;
  }

  /**
   * @param regionId region of the registry holding the image, e.g. {@code us-phoenix-1}
   * @param compartmentId compartment OCID for the signature (the image's)
   * @param draft what to upload: {@code imageId, kmsKeyId, kmsKeyVersionId, signingAlgorithm, message} (base64,
   *     as signed) and {@code signature} (base64); its {@code id} and {@code lifecycleState} are ignored
   * @return the stored signature, with its OCID and lifecycle state
   * @throws IllegalArgumentException when the algorithm is unknown or no endpoint is known for the region
   * @throws BackendException when OCIR refuses or does not answer
   */
  public SignatureRecord upload(String regionId, String compartmentId, SignatureRecord draft)
      throws BackendException {
    ArtifactsClient client = clients.artifacts(regionId);
    CreateContainerImageSignatureRequest request = CreateContainerImageSignatureRequest.builder()
        .createContainerImageSignatureDetails(CreateContainerImageSignatureDetails.builder()
            .compartmentId(compartmentId).imageId(draft.imageId()).kmsKeyId(draft.kmsKeyId())
            .kmsKeyVersionId(draft.kmsKeyVersionId()).message(draft.message()).signature(draft.signature())
            .signingAlgorithm(CreateContainerImageSignatureDetails.SigningAlgorithm.create(draft.signingAlgorithm()))
            .build())
        .opcRetryToken(UUID.randomUUID().toString().replace("-", ""))
        .build();
    ContainerImageSignature s;
    try {
      s = clients.calls().run(CREATE, () -> client.createContainerImageSignature(request))
          .getContainerImageSignature();
    } catch (BmcException e) {
      throw OciCalls.backendError(CREATE, e);
    }
    if (s == null) {
      throw new BackendException(CREATE, 0, "OCIR answered without the created signature", null);
    }
    return new SignatureRecord(s.getId(), s.getImageId(), s.getKmsKeyId(), s.getKmsKeyVersionId(),
        s.getSigningAlgorithm() == null ? draft.signingAlgorithm() : s.getSigningAlgorithm().getValue(),
        s.getMessage(), s.getSignature(), s.getLifecycleState() == null ? null : s.getLifecycleState().getValue());
  }
}
