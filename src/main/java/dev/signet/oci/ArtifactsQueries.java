package dev.signet.oci;

import com.oracle.bmc.artifacts.ArtifactsClient;
import com.oracle.bmc.artifacts.model.ContainerImage;
import com.oracle.bmc.artifacts.model.ContainerImageSignatureSummary;
import com.oracle.bmc.artifacts.model.ContainerImageSummary;
import com.oracle.bmc.artifacts.requests.GetContainerImageRequest;
import com.oracle.bmc.artifacts.requests.ListContainerImageSignaturesRequest;
import com.oracle.bmc.artifacts.requests.ListContainerImagesRequest;
import com.oracle.bmc.artifacts.responses.ListContainerImageSignaturesResponse;
import com.oracle.bmc.artifacts.responses.ListContainerImagesResponse;
import com.oracle.bmc.model.BmcException;
import dev.signet.image.OcirRepository;
import dev.signet.verify.BackendException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The Artifacts API reads shared by the adapters: image and signature listings with every page followed
 * ({@code opc-next-page}), and single images. Every SDK error becomes a {@link BackendException}.
 */
final class ArtifactsQueries {
  static final String LIST_IMAGES = "ListContainerImages";
  static final String GET_IMAGE = "GetContainerImage";
  static final String LIST_SIGNATURES = "ListContainerImageSignatures";
  /** A listing longer than this many pages is treated as a broken backend, not followed forever. */
  static final int MAX_PAGES = 1000;

  private final OciClients clients;
  private final Integer pageLimit;

  /**
   * @param clients shared SDK clients
   * @param pageLimit the {@code limit} of each list request, or {@code null} for the service default
   */
  ArtifactsQueries(OciClients clients, Integer pageLimit) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.pageLimit = pageLimit;
  }

  /**
   * {@code ListContainerImages} with every page.
   *
   * @param repository where; its region selects the endpoint; its name is the {@code repositoryName} filter
   * @param compartmentId compartment OCID
   * @param inSubtree {@code compartmentIdInSubtree}
   * @param version the {@code version} (tag) filter, or {@code null}
   * @return every summary returned, unfiltered (the API's filters may match more than asked)
   * @throws BackendException on any SDK error, including 404 (missing IAM policy or compartment)
   */
  List<ContainerImageSummary> listImages(OcirRepository repository, String compartmentId, boolean inSubtree,
      String version) throws BackendException {
    var client = client(repository.regionId(), LIST_IMAGES);
    List<ContainerImageSummary> all = new ArrayList<>();
    String page = null;
    for (int pages = 0; pages < MAX_PAGES; pages++) {
      ListContainerImagesRequest request = ListContainerImagesRequest.builder().compartmentId(compartmentId)
          .compartmentIdInSubtree(inSubtree).repositoryName(repository.repositoryName()).version(version)
          .limit(pageLimit).page(page).build();
      ListContainerImagesResponse response = call(LIST_IMAGES, () -> client.listContainerImages(request));
      if (response.getContainerImageCollection() != null && response.getContainerImageCollection().getItems() != null) {
        all.addAll(response.getContainerImageCollection().getItems());
      }
      page = response.getOpcNextPage();
      if (page == null || page.isEmpty()) {
        return all;
      }
    }
    throw new BackendException(LIST_IMAGES, 0, "more than " + MAX_PAGES + " pages", null);
  }

  /**
   * {@code ListContainerImageSignatures} with every page.
   *
   * @param repository where; its name is the {@code repositoryName} filter
   * @param digest the {@code imageDigest} filter, {@code sha256:<64 hex>}
   * @param compartmentId compartment OCID
   * @param inSubtree {@code compartmentIdInSubtree}
   * @return every summary returned, unfiltered
   * @throws BackendException on any SDK error
   */
  List<ContainerImageSignatureSummary> listSignatures(OcirRepository repository, String digest,
      String compartmentId, boolean inSubtree) throws BackendException {
    return listSignatures(repository.regionId(), repository.repositoryName(), digest, compartmentId, inSubtree);
  }

  /**
   * {@code ListContainerImageSignatures} with every page, for a repository known by region and name only.
   *
   * @param regionId region of the registry (selects the endpoint)
   * @param repositoryName the {@code repositoryName} filter
   * @param digest the {@code imageDigest} filter, {@code sha256:<64 hex>}
   * @param compartmentId compartment OCID
   * @param inSubtree {@code compartmentIdInSubtree}
   * @return every summary returned, unfiltered
   * @throws BackendException on any SDK error
   */
  List<ContainerImageSignatureSummary> listSignatures(String regionId, String repositoryName, String digest,
      String compartmentId, boolean inSubtree) throws BackendException {
    var client = client(regionId, LIST_SIGNATURES);
    List<ContainerImageSignatureSummary> all = new ArrayList<>();
    String page = null;
    for (int pages = 0; pages < MAX_PAGES; pages++) {
      ListContainerImageSignaturesRequest request = ListContainerImageSignaturesRequest.builder()
          .compartmentId(compartmentId).compartmentIdInSubtree(inSubtree)
          .repositoryName(repositoryName).imageDigest(digest).limit(pageLimit).page(page).build();
      ListContainerImageSignaturesResponse response =
          call(LIST_SIGNATURES, () -> client.listContainerImageSignatures(request));
      var collection = response.getContainerImageSignatureCollection();
      if (collection != null && collection.getItems() != null) {
        all.addAll(collection.getItems());
      }
      page = response.getOpcNextPage();
      if (page == null || page.isEmpty()) {
        return all;
      }
    }
    throw new BackendException(LIST_SIGNATURES, 0, "more than " + MAX_PAGES + " pages", null);
  }

  /**
   * {@code GetContainerImage}.
   *
   * @param regionId region of the registry
   * @param imageId image OCID
   * @return the image, or {@code null} when OCIR answers 404 for it
   * @throws BackendException on any other SDK error
   */
  ContainerImage getImage(String regionId, String imageId) throws BackendException {
    var client = client(regionId, GET_IMAGE);
    try {
      return clients.calls().run(GET_IMAGE,
          () -> client.getContainerImage(GetContainerImageRequest.builder().imageId(imageId).build()))
          .getContainerImage();
    } catch (BmcException e) {
      if (e.getStatusCode() == 404) {
        return null;
      }
      throw OciCalls.backendError(GET_IMAGE, e);
    }
  }

  private ArtifactsClient client(String regionId, String operation) throws BackendException {
    try {
      return clients.artifacts(regionId);
    } catch (IllegalArgumentException e) {
      throw new BackendException(operation, 0, "no Artifacts endpoint: " + e.getMessage(), e);
    }
  }

  private <T> T call(String operation, Supplier<T> sdkCall) throws BackendException {
    try {
      return clients.calls().run(operation, sdkCall);
    } catch (BmcException e) {
      throw OciCalls.backendError(operation, e);
    }
  }
}
