package dev.signet.oci;

import com.oracle.bmc.artifacts.model.ContainerImage;
import com.oracle.bmc.artifacts.model.ContainerImageSummary;
import com.oracle.bmc.artifacts.model.ContainerVersion;
import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import dev.signet.verify.BackendException;
import dev.signet.verify.DigestResolver;
import dev.signet.verify.ImageNotFoundException;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * Tag → digest through the Artifacts API (DESIGN §3 "Tag → digest"):
 * {@code ListContainerImages(compartmentId, compartmentIdInSubtree, repositoryName, version=tag)}, every page.
 * Only images of exactly this repository that are not {@code DELETED}/{@code DELETING} count (the API's
 * {@code repositoryName} filter may match more). A summary's {@code version} is only the image's latest tag:
 * when the one image found names the tag there, its digest is the answer; otherwise each candidate is read
 * with {@code GetContainerImage} and its {@code versions} are searched for the tag. When several images carry
 * the tag (a stale listing), the one that received it most recently ({@code ContainerVersion.timeCreated})
 * wins.
 *
 * <p>A 404 on the listing means a missing IAM policy or compartment: a {@link BackendException}, never
 * "image not found".
 */
public final class OciDigestResolver implements DigestResolver {
  private final ArtifactsQueries queries;

  /** @param clients shared SDK clients (their registry receives the {@code signet_oci_*} metrics) */
  public OciDigestResolver(OciClients clients) {
    this(clients, null);
  }

  /** Test seam: every list request asks for at most {@code pageLimit} items, to exercise paging. */
  OciDigestResolver(OciClients clients, Integer pageLimit) {
    this.queries = new ArtifactsQueries(clients, pageLimit);
  }

  @Override
  public Digest resolve(OcirRepository repository, String tag, String compartmentId, boolean compartmentIdInSubtree)
      throws ImageNotFoundException, BackendException {
    Objects.requireNonNull(tag, "tag");
    List<ContainerImageSummary> candidates = queries
        .listImages(repository, compartmentId, compartmentIdInSubtree, tag).stream()
        .filter(s -> repository.repositoryName().equals(s.getRepositoryName()))
        .filter(s -> s.getLifecycleState() != ContainerImage.LifecycleState.Deleted
            && s.getLifecycleState() != ContainerImage.LifecycleState.Deleting)
        .toList();
    if (candidates.size() == 1 && tag.equals(candidates.get(0).getVersion())) {
      return digest(candidates.get(0).getDigest());
    }
    String best = null;
    Date bestTime = null;
    for (ContainerImageSummary candidate : candidates) {
      ContainerImage image = queries.getImage(repository.regionId(), candidate.getId());
      if (image == null || !repository.repositoryName().equals(image.getRepositoryName())) {
        continue;
      }
      Date tagged = taggedAt(image, tag);
      if (tagged != null && (best == null || tagged.after(bestTime))) {
        best = image.getDigest();
        bestTime = tagged;
      }
    }
    if (best == null) {
      throw new ImageNotFoundException("no image tagged '" + tag + "' in " + repository.canonicalHost() + "/"
          + repository.tenancyNamespace() + "/" + repository.repositoryName() + " (compartment " + compartmentId
          + (compartmentIdInSubtree ? " and its sub-compartments" : "") + ")");
    }
    return digest(best);
  }

  /** @return when the image received the tag ({@code new Date(0)} when OCIR gives no time), or {@code null} */
  private static Date taggedAt(ContainerImage image, String tag) {
    if (image.getVersions() != null) {
      for (ContainerVersion v : image.getVersions()) {
        if (v != null && tag.equals(v.getVersion())) {
          return v.getTimeCreated() != null ? v.getTimeCreated() : new Date(0);
        }
      }
    }
    if (tag.equals(image.getVersion())) {
      return image.getTimeCreated() != null ? image.getTimeCreated() : new Date(0);
    }
    return null;
  }

  private static Digest digest(String text) throws BackendException {
    try {
      return Digest.parse(text);
    } catch (IllegalArgumentException e) {
      throw new BackendException(ArtifactsQueries.LIST_IMAGES, 0, "OCIR returned an unusable digest: "
          + e.getMessage(), e);
    }
  }
}
