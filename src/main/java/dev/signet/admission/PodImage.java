package dev.signet.admission;

/**
 * One container image of an admitted object, as written in its pod spec.
 *
 * @param image the reference exactly as written; {@code ""} when the container has no image, and
 *     {@code <non-string image: JSON>} when the field is not a string (only seen in an UPDATE's
 *     {@code oldObject}: in the admitted object both make it {@link PodSpecExtractor.Malformed}, denied with the
 *     container's field path)
 * @param containerKind which list of the pod spec the container is in
 * @param containerName the container's {@code name}, {@code ""} when absent
 * @param jsonPointer RFC 6901 pointer to the {@code image} field in the admitted object, e.g.
 *     {@code /spec/template/spec/initContainers/1/image} (for a digest-pinning JSON Patch)
 */
public record PodImage(String image, ContainerKind containerKind, String containerName, String jsonPointer) {

  /** The three container lists of a pod spec. */
  public enum ContainerKind {
    /** {@code spec.containers}. */
    CONTAINER("containers"),
    /** {@code spec.initContainers}. */
    INIT("initContainers"),
    /** {@code spec.ephemeralContainers}. */
    EPHEMERAL("ephemeralContainers");

    private final String field;

    ContainerKind(String field) {
      this.field = field;
    }

    /** @return the pod spec field name of this list, e.g. {@code initContainers} */
    public String field() {
      return field;
    }
  }
}
