package dev.signet.oci;

import com.oracle.bmc.artifacts.model.ContainerImage;
import com.oracle.bmc.artifacts.model.ContainerImageSummary;
import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import dev.signet.verify.BackendException;
import dev.signet.verify.ImageNotFoundException;

/**
 * Finds images for {@code signet sign}. {@link #findImageId} maps a digest to its image OCID with
 * {@code ListContainerImages(compartmentId, compartmentIdInSubtree, repositoryName)}, every page, keeping the image
 * whose {@code repositoryName} and {@code digest} are exactly the requested ones and which is not
 * {@code DELETED}/{@code DELETING}; {@link #describe} reads one image by OCID with {@code GetContainerImage}.
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

  /**
   * An image as {@code GetContainerImage} describes it.
   *
   * @param imageId image OCID
   * @param compartmentId the image's compartment OCID
   * @param repositoryName repository name without the tenancy namespace
   * @param digest {@code sha256:<64 hex>}
   */
  public record ImageDetails(String imageId, String compartmentId, String repositoryName, Digest digest) {}

  /**
   * Reads one image ({@code GetContainerImage}), for {@code signet sign --image-id}.
   *
   * @param regionId region of the registry holding the image (selects the endpoint)
   * @param imageId image OCID
   * @return its compartment, repository name and digest
   * @throws ImageNotFoundException when OCIR answers 404, or the image is being deleted
   * @throws BackendException when OCIR could not answer, or answered without a usable digest
   */
  public ImageDetails describe(String regionId, String imageId) throws ImageNotFoundException, BackendException {
    ContainerImage image = queries.getImage(regionId, imageId);
    if (image == null || image.getLifecycleState() == ContainerImage.LifecycleState.Deleted
        || image.getLifecycleState() == ContainerImage.LifecycleState.Deleting) {
      throw new ImageNotFoundException("no image " + imageId + " in region " + regionId);
    }
    try {
      return new ImageDetails(image.getId() != null ? image.getId() : imageId, image.getCompartmentId(),
          image.getRepositoryName(), Digest.parse(image.getDigest()));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new BackendException(ArtifactsQueries.GET_IMAGE, 0, "OCIR described image " + imageId
          + " without a usable digest", e);
    }
  }
}
