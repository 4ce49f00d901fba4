package dev.signet.oci;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.oracle.bmc.artifacts.model.ContainerImage;
import com.oracle.bmc.artifacts.model.ContainerImageSignatureSummary;
import com.oracle.bmc.http.internal.BmcEnum;
import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import dev.signet.verify.BackendException;
import dev.signet.verify.SignatureRecord;
import dev.signet.verify.SignatureSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists the signatures of one image digest through the Artifacts API (DESIGN §3 "Listing"):
 * {@code ListContainerImageSignatures(compartmentId, compartmentIdInSubtree, repositoryName, imageDigest)},
 * every page, signatures of every lifecycle state (the verifier decides what counts).
 *
 * <p>The listing's filters may match more than asked (a {@code repositoryName} filter accepts a trailing
 * {@code *}) and a signature summary names only its {@code imageId}, so each distinct image is read once with
 * {@code GetContainerImage} and only signatures of an image whose {@code repositoryName} and {@code digest} are
 * exactly the requested ones are returned. Image OCIDs never change repository or digest, so these answers are
 * remembered (up to 10,000 images); a 404 image (deleted) drops its signatures.
 */
public final class OciSignatureSource implements SignatureSource {
  private static final int IMAGE_CACHE_SIZE = 10_000;

  private final ArtifactsQueries queries;
  private final Cache<String, String> imageNames = Caffeine.newBuilder().maximumSize(IMAGE_CACHE_SIZE).build();

  /** @param clients shared SDK clients (their registry receives the {@code signet_oci_*} metrics) */
  public OciSignatureSource(OciClients clients) {
    this(clients, null);
  }

  /** Test seam: every list request asks for at most {@code pageLimit} items, to exercise paging. */
  OciSignatureSource(OciClients clients, Integer pageLimit) {
    this.queries = new ArtifactsQueries(clients, pageLimit);
  }

  @Override
  public List<SignatureRecord> list(OcirRepository repository, Digest digest, String compartmentId,
      boolean compartmentIdInSubtree) throws BackendException {
    List<ContainerImageSignatureSummary> listed =
        queries.listSignatures(repository, digest.toString(), compartmentId, compartmentIdInSubtree);
    String wanted = repository.repositoryName() + "@" + digest;
    Map<String, Boolean> imageMatches = new HashMap<>();
    List<SignatureRecord> records = new ArrayList<>();
    for (ContainerImageSignatureSummary s : listed) {
      String imageId = s.getImageId();
      if (imageId == null) {
        continue;
      }
      Boolean matches = imageMatches.get(imageId);
      if (matches == null) {
        matches = wanted.equals(imageName(repository.regionId(), imageId));
        imageMatches.put(imageId, matches);
      }
      if (matches) {
        records.add(toRecord(s));
      }
    }
    return List.copyOf(records);
  }

  /** @return {@code repositoryName@digest} of the image, or {@code null} when OCIR no longer has it */
  private String imageName(String regionId, String imageId) throws BackendException {
    String known = imageNames.getIfPresent(imageId);
    if (known != null) {
      return known;
    }
    ContainerImage image = queries.getImage(regionId, imageId);
    if (image == null) {
      return null;
    }
    String name = image.getRepositoryName() + "@" + image.getDigest();
    imageNames.put(imageId, name);
    return name;
  }

  /**
   * @param s a signature summary
   * @return the record with message and signature exactly as stored; an algorithm or state this SDK does not
   *     know becomes {@code UNKNOWN}
   */
  static SignatureRecord toRecord(ContainerImageSignatureSummary s) {
    return new SignatureRecord(s.getId(), s.getImageId(), s.getKmsKeyId(), s.getKmsKeyVersionId(),
        name(s.getSigningAlgorithm()), s.getMessage(), s.getSignature(), name(s.getLifecycleState()));
  }

  private static String name(BmcEnum value) {
    return value == null || value.getValue() == null ? "UNKNOWN" : value.getValue();
  }
}
