package dev.signet.oci;

import com.oracle.bmc.artifacts.model.ContainerImageSignatureSummary;
import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import dev.signet.sign.SignableImage;
import dev.signet.sign.SigningBackend;
import dev.signet.verify.BackendException;
import dev.signet.verify.ImageNotFoundException;
import dev.signet.verify.SignatureRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SigningBackend} over the OCI SDK: {@link OciDigestResolver} and {@link OciImageLookup} find the image,
 * {@code ListContainerImageSignatures} finds its existing signatures, {@link VaultSigner} signs (RAW) and
 * {@link OciSignatureWriter} uploads ({@code CreateContainerImageSignature}).
 */
public final class OciSigningBackend implements SigningBackend {
  private final OciClients clients;
  private final OciImageLookup lookup;
  private final ArtifactsQueries queries;

  /** @param clients shared SDK clients (their registry receives the {@code signet_oci_*} metrics) */
  public OciSigningBackend(OciClients clients) {
    this.clients = clients;
    this.lookup = new OciImageLookup(clients);
    this.queries = new ArtifactsQueries(clients, null);
  }

  @Override
  public SignableImage locate(OcirRepository repository, String tag, Digest digest, String compartmentId)
      throws ImageNotFoundException, BackendException {
    Digest d = digest != null ? digest : new OciDigestResolver(clients).resolve(repository, tag, compartmentId, false);
    String imageId = lookup.findImageId(repository, d, compartmentId, false);
    return new SignableImage(imageId, compartmentId, repository.regionId(), repository.repositoryName(), d);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The endpoint is that of the region named in the OCID, else the client's region.
   */
  @Override
  public SignableImage describe(String imageId) throws ImageNotFoundException, BackendException {
    String regionId = OciRegions.regionOfOcid(imageId).orElseGet(clients::regionId);
    OciImageLookup.ImageDetails details = lookup.describe(regionId, imageId);
    return new SignableImage(details.imageId(), details.compartmentId(), regionId, details.repositoryName(),
        details.digest());
  }

  @Override
  public List<SignatureRecord> signatures(SignableImage image, String compartmentId) throws BackendException {
    List<SignatureRecord> records = new ArrayList<>();
    for (ContainerImageSignatureSummary s : queries.listSignatures(image.regionId(), image.repositoryName(),
        image.digest().toString(), compartmentId, false)) {
      if (image.imageId().equals(s.getImageId())) {
        records.add(OciSignatureSource.toRecord(s));
      }
    }
    return records;
  }

  @Override
  public String sign(String kmsKeyId, String kmsKeyVersionId, String signingAlgorithm, String base64Message)
      throws BackendException {
    return new VaultSigner(clients).sign(kmsKeyId, kmsKeyVersionId, signingAlgorithm, base64Message, null);
  }

  @Override
  public SignatureRecord upload(SignableImage image, String compartmentId, SignatureRecord draft)
      throws BackendException {
    return new OciSignatureWriter(clients).upload(image.regionId(), compartmentId, draft);
  }
}
