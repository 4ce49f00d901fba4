package dev.signet.audit;

import dev.signet.admission.PodImage.ContainerKind;
import dev.signet.image.Digest;
import dev.signet.image.ImageReference;
import dev.signet.image.InvalidReferenceException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the container images of Pods and pod templates, and for running Pods the digest that actually runs,
 * taken from {@code status.containerStatuses[]}, {@code initContainerStatuses[]} and
 * {@code ephemeralContainerStatuses[]} {@code .imageID} (matched to the spec container by name). Stateless.
 */
public final class RunningImages {
  private RunningImages() {}

  /**
   * One container of an object.
   *
   * @param containerKind which list of the pod spec it is in
   * @param container the container name ({@code ""} when absent)
   * @param image the image exactly as written in the spec ({@code ""} when absent)
   * @param runningDigest the digest the runtime reports, or {@code null} when not known (templates, pods not
   *     started, unusable {@code imageID})
   */
  public record ContainerImage(ContainerKind containerKind, String container, String image, Digest runningDigest) {
    /**
     * @return what to evaluate: {@code <spec image without tag or digest>@<running digest>} when the running
     *     digest is known and the spec reference parses, else the spec reference as written
     */
    public String evaluated() {
      return runningDigest == null ? image : pinned(image, runningDigest);
    }
  }

  /**
   * @param pod a Pod
   * @return its containers in order containers, initContainers, ephemeralContainers, each with its running digest
   *     when the pod status reports one
   */
  public static List<ContainerImage> ofPod(Pod pod) {
    PodStatus status = pod.getStatus();
    Map<String, Digest> running = new HashMap<>();
    Map<String, Digest> runningInit = new HashMap<>();
    Map<String, Digest> runningEphemeral = new HashMap<>();
    if (status != null) {
      collect(status.getContainerStatuses(), running);
      collect(status.getInitContainerStatuses(), runningInit);
      collect(status.getEphemeralContainerStatuses(), runningEphemeral);
    }
    return images(pod.getSpec(), Map.of(ContainerKind.CONTAINER, running, ContainerKind.INIT, runningInit,
        ContainerKind.EPHEMERAL, runningEphemeral));
  }

  /**
   * @param spec a pod spec (of a Pod or a workload's template); may be {@code null}
   * @return its containers in order containers, initContainers, ephemeralContainers, without running digests
   */
  public static List<ContainerImage> ofTemplate(PodSpec spec) {
    return images(spec, Map.of());
  }

  private static List<ContainerImage> images(PodSpec spec, Map<ContainerKind, Map<String, Digest>> running) {
    List<ContainerImage> out = new ArrayList<>();
    if (spec == null) {
      return out;
    }
    for (Container c : nonNull(spec.getContainers())) {
      out.add(image(ContainerKind.CONTAINER, c.getName(), c.getImage(), running));
    }
    for (Container c : nonNull(spec.getInitContainers())) {
      out.add(image(ContainerKind.INIT, c.getName(), c.getImage(), running));
    }
    for (EphemeralContainer c : nonNull(spec.getEphemeralContainers())) {
      out.add(image(ContainerKind.EPHEMERAL, c.getName(), c.getImage(), running));
    }
    return out;
  }

  private static ContainerImage image(ContainerKind kind, String name, String image,
      Map<ContainerKind, Map<String, Digest>> running) {
    String n = name == null ? "" : name;
    Digest digest = running.getOrDefault(kind, Map.of()).get(n);
    return new ContainerImage(kind, n, image == null ? "" : image, digest);
  }

  private static void collect(List<ContainerStatus> statuses, Map<String, Digest> into) {
    for (ContainerStatus s : nonNull(statuses)) {
      if (s.getName() != null) {
        digestOfImageId(s.getImageID()).ifPresent(d -> into.put(s.getName(), d));
      }
    }
  }

  /**
   * Reads the digest from a container status {@code imageID}. Accepted forms:
   * {@code docker-pullable://repo@sha256:<hex>}, {@code repo@sha256:<hex>}, {@code sha256:<hex>} (any
   * {@code scheme://} prefix is dropped).
   *
   * @param imageId the {@code imageID} field, may be {@code null} or empty (container not started)
   * @return the digest, or empty when the field holds none
   */
  public static Optional<Digest> digestOfImageId(String imageId) {
    if (imageId == null || imageId.isBlank()) {
      return Optional.empty();
    }
    String s = imageId.strip();
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      s = s.substring(at + 1);
    }
    try {
      return Optional.of(Digest.parse(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * @param specImage an image reference as written, e.g. {@code phx.ocir.io/ns/app:v1}
   * @param digest the running digest
   * @return {@code phx.ocir.io/ns/app@<digest>}: the spec's repository as written, without tag or digest; the
   *     spec image unchanged when it does not parse (so it is reported as {@code InvalidReference})
   */
  public static String pinned(String specImage, Digest digest) {
    try {
      ImageReference.parse(specImage);
    } catch (InvalidReferenceException e) {
      return specImage;
    }
    String s = specImage.strip();
    int at = s.indexOf('@');
    if (at >= 0) {
      s = s.substring(0, at);
    }
    int colon = s.lastIndexOf(':');
    if (colon > s.lastIndexOf('/')) {
      s = s.substring(0, colon);
    }
    return s + "@" + digest;
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
