package dev.signet.oci;

import com.oracle.bmc.artifacts.model.ContainerImage;
import com.oracle.bmc.artifacts.model.ContainerImageSummary;
import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import dev.signet.verify.BackendException;
import dev.signet.verify.ImageNotFoundException;

/**
 * Finds the image OCID of a digest (for {@code signet sign --image}): {@code ListContainerImages(compartmentId,
 * compartmentIdInSubtree, repositoryName)}, every page, keeping the image whose {@code repositoryName} and
 * {@code digest} are exactly the requested ones and which is not {@code DELETED}/{@code DELETING}.
 */
public final class OciImageLookup {
  private final ArtifactsQueries queries;

  /** @param clients shared SDK clients (their registry receives the {@code signet_oci_*} metrics) */
  public OciImageLookup(OciClients clients) {
    this(clients, null);
  }

  /** Test seam: every list request asks for at most {@code pageLimit} items, to exercise paging. */
  OciImageLookup(OciClients clients, Integer pageLimit) {
    this.queries = new ArtifactsQueries(clients, pageLimit);
  }

  /**
   * @param repository the OCIR repository
   * @param digest the image digest
   * @param compartmentId compartment OCID to search
   * @param compartmentIdInSubtree whether to search sub-compartments too
   * @return the image OCID
   * @throws ImageNotFoundException when no such image exists in exactly this repository
   * @throws BackendException when OCIR could not answer (a 404 on the listing: missing IAM policy or compartment)
   */
  public String findImageId(OcirRepository repository, Digest digest, String compartmentId,
      boolean compartmentIdInSubtree) throws ImageNotFoundException, BackendException {
    String wanted = digest.toString();
    for (ContainerImageSummary s : queries.listImages(repository, compartmentId, compartmentIdInSubtree, null)) {
      if (repository.repositoryName().equals(s.getRepositoryName()) && wanted.equals(s.getDigest())
          && s.getLifecycleState() != ContainerImage.LifecycleState.Deleted
          && s.getLifecycleState() != ContainerImage.LifecycleState.Deleting) {
        return s.getId();
      }
    }
    throw new ImageNotFoundException("no image " + wanted + " in " + repository.canonicalHost() + "/"
        + repository.tenancyNamespace() + "/" + repository.repositoryName() + " (compartment " + compartmentId + ")");
  }
}
