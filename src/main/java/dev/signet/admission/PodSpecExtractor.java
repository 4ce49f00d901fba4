package dev.signet.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.admission.AdmissionRequest.GroupVersionKind;
import dev.signet.admission.AdmissionRequest.Operation;
import dev.signet.admission.PodImage.ContainerKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the container images of an admitted object (DESIGN §6): Pod ({@code spec}), Deployment, ReplicaSet,
 * StatefulSet, DaemonSet, Job, ReplicationController ({@code spec.template.spec}), CronJob
 * ({@code spec.jobTemplate.spec.template.spec}) and the {@code pods/ephemeralcontainers} subresource, in
 * {@code containers}, {@code initContainers} and {@code ephemeralContainers}. Images in annotations or
 * {@code status} are never read. Stateless and thread-safe.
 */
public final class PodSpecExtractor {
  private static final String TEMPLATE = "/spec/template/spec";
  private static final Set<String> CORE = Set.of("");
  private static final Set<String> APPS = Set.of("apps", "extensions");
  private static final Set<String> BATCH = Set.of("batch");
  private static final String EPHEMERAL_SUBRESOURCE = "ephemeralcontainers";

  private record KindRule(Set<String> groups, String podSpecPointer) {}

  private static final Map<String, KindRule> RULES = Map.of(
      "Pod", new KindRule(CORE, "/spec"),
      "ReplicationController", new KindRule(CORE, TEMPLATE),
      "Deployment", new KindRule(APPS, TEMPLATE),
      "ReplicaSet", new KindRule(APPS, TEMPLATE),
      "StatefulSet", new KindRule(APPS, TEMPLATE),
      "DaemonSet", new KindRule(APPS, TEMPLATE),
      "Job", new KindRule(BATCH, TEMPLATE),
      "CronJob", new KindRule(BATCH, "/spec/jobTemplate/spec/template/spec"));

  /** What the extractor found for one request. */
  public sealed interface Extraction permits NotApplicable, Images, Malformed {}

  /**
   * The object is of a pod-carrying kind but its pod spec is structurally invalid (e.g. {@code spec: []},
   * {@code containers: "x"}, a container that is not an object), so its images cannot be known: never allow it.
   *
   * @param field where, as a dotted path such as {@code spec.template.spec.containers} or
   *     {@code spec.containers[0]}
   * @param problem what is wrong there, e.g. {@code "found a string where a list of containers belongs"}
   */
  public record Malformed(String field, String problem) implements Extraction {
    /** @return {@code "malformed pod spec at <field>: <problem>"} */
    public String text() {
      return "malformed pod spec at " + field + ": " + problem;
    }
  }

  /**
   * The request carries nothing to check and is allowed untouched.
   *
   * @param reason why, for logs (e.g. {@code "operation DELETE"}, {@code "kind Service carries no pod template"})
   */
  public record NotApplicable(String reason) implements Extraction {}

  /**
   * The images of a pod-carrying object.
   *
   * @param all every container's image in spec order (containers, initContainers, ephemeralContainers), with
   *     duplicates, each with its own JSON pointer (for patches)
   * @param toCheck the images to evaluate: distinct image strings in first-seen order, and on UPDATE only those
   *     not present in {@code oldObject}; may be empty
   */
  public record Images(List<PodImage> all, List<PodImage> toCheck) implements Extraction {
    /** Copies the lists. */
    public Images {
      all = List.copyOf(all);
      toCheck = List.copyOf(toCheck);
    }

    /** @return the distinct image strings of {@link #toCheck()}, in order */
    public List<String> imagesToCheck() {
      return toCheck.stream().map(PodImage::image).toList();
    }
  }

  /**
   * @param request a parsed admission request
   * @return {@link NotApplicable} for DELETE/CONNECT, kinds without a pod template, subresources other than
   *     {@code pods/ephemeralcontainers}, and UPDATEs of an object being deleted (string
   *     {@code metadata.deletionTimestamp}) that add no new image; {@link Malformed} when the pod spec (or an
   *     object on its path) is not an object, a container list is not a list, a container is not an object or
   *     its {@code image} is missing, empty or not a string; otherwise the {@link Images}
   */
  public Extraction extract(AdmissionRequest request) {
    if (request.operation() == Operation.DELETE || request.operation() == Operation.CONNECT) {
      return new NotApplicable("operation " + request.operation());
    }
    Optional<String> pointer = podSpecPointer(request.kind(), request.subResource());
    if (pointer.isEmpty()) {
      String sub = request.subResource().isEmpty() ? "" : " (subresource " + request.subResource() + ")";
      return new NotApplicable("kind " + request.kind() + sub + " carries no pod template");
    }
    Optional<Malformed> malformed = malformed(request.object(), pointer.get());
    if (malformed.isPresent()) {
      return malformed.get();
    }
    List<PodImage> all = imagesOf(request.object(), pointer.get());
    Set<String> old = new HashSet<>();
    if (request.operation() == Operation.UPDATE && request.oldObject() != null) {
      imagesOf(request.oldObject(), pointer.get()).forEach(i -> old.add(i.image()));
    }
    Map<String, PodImage> distinct = new LinkedHashMap<>();
    for (PodImage image : all) {
      if (!old.contains(image.image())) {
        distinct.putIfAbsent(image.image(), image);
      }
    }
    // Finalizer removal and the like on a terminating object: only when it brings no new image to check.
    if (distinct.isEmpty() && request.operation() == Operation.UPDATE && beingDeleted(request.object())) {
      return new NotApplicable("object is being deleted");
    }
    return new Images(all, new ArrayList<>(distinct.values()));
  }

  /**
   * Checks the shape of an object's pod spec: every object on the pointer's path that is present (not absent,
   * not {@code null}) must be a JSON object, each present container list an array, each container an object with
   * a non-empty string {@code image} (else e.g. {@code spec.containers[0].image}: {@code "image is missing"} or
   * {@code "image must be a string, found a number"}).
   *
   * @param object a Kubernetes object (JSON), may be {@code null}
   * @param podSpecPointer JSON pointer of its pod spec, from {@link #podSpecPointer}
   * @return the first problem found, or empty when the shape is valid or the pod spec is absent
   */
  public static Optional<Malformed> malformed(JsonNode object, String podSpecPointer) {
    JsonNode node = object;
    StringBuilder path = new StringBuilder();
    for (String segment : podSpecPointer.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (node == null || node.isNull()) {
        return Optional.empty();
      }
      if (!node.isObject()) {
        return Optional.of(new Malformed(path.isEmpty() ? "object" : path.toString(), "found " + type(node)
            + " where an object belongs"));
      }
      path.append(path.isEmpty() ? "" : ".").append(segment);
      node = node.get(segment);
    }
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    String spec = path.isEmpty() ? "object" : path.toString();
    if (!node.isObject()) {
      return Optional.of(new Malformed(spec, "found " + type(node) + " where a pod spec object belongs"));
    }
    String prefix = path.isEmpty() ? "" : path + ".";
    for (ContainerKind kind : ContainerKind.values()) {
      JsonNode list = node.get(kind.field());
      if (list == null || list.isNull()) {
        continue;
      }
      if (!list.isArray()) {
        return Optional.of(new Malformed(prefix + kind.field(), "found " + type(list)
            + " where a list of containers belongs"));
      }
      for (int i = 0; i < list.size(); i++) {
        String container = prefix + kind.field() + "[" + i + "]";
        if (!list.get(i).isObject()) {
          return Optional.of(new Malformed(container, "found " + type(list.get(i))
              + " where a container object belongs"));
        }
        Optional<String> imageProblem = imageProblem(list.get(i).get("image"));
        if (imageProblem.isPresent()) {
          return Optional.of(new Malformed(container + ".image", imageProblem.get()));
        }
      }
    }
    return Optional.empty();
  }

  /** A container's {@code image} must be a non-empty string; anything else cannot name an image to verify. */
  private static Optional<String> imageProblem(JsonNode image) {
    if (image == null || image.isNull() || image.isTextual() && image.textValue().isEmpty()) {
      return Optional.of("image is missing");
    }
    return image.isTextual() ? Optional.empty() : Optional.of("image must be a string, found " + type(image));
  }

  private static String type(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "a list";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  /**
   * @param kind the request's kind
   * @param subResource the request's subresource, {@code ""} for none
   * @return the JSON pointer of the pod spec in objects of this kind (e.g. {@code /spec/template/spec}), or empty
   *     when the kind carries no pod template or the subresource is not {@code ephemeralcontainers}
   */
  public static Optional<String> podSpecPointer(GroupVersionKind kind, String subResource) {
    if (!subResource.isEmpty()) {
      if (!EPHEMERAL_SUBRESOURCE.equals(subResource) || !kind.group().isEmpty()) {
        return Optional.empty();
      }
      // v1.23+: the object is the Pod; v1.16-v1.22 sent kind EphemeralContainers with the list at the top level.
      return switch (kind.kind()) {
        case "Pod" -> Optional.of("/spec");
        case "EphemeralContainers" -> Optional.of("");
        default -> Optional.empty();
      };
    }
    KindRule rule = RULES.get(kind.kind());
    if (rule == null || !rule.groups().contains(kind.group())) {
      return Optional.empty();
    }
    return Optional.of(rule.podSpecPointer());
  }

  /**
   * @param object a Kubernetes object (JSON)
   * @param podSpecPointer JSON pointer of its pod spec, from {@link #podSpecPointer}
   * @return every container's image in order containers, initContainers, ephemeralContainers; empty when the
   *     pod spec is absent
   */
  public static List<PodImage> imagesOf(JsonNode object, String podSpecPointer) {
    List<PodImage> images = new ArrayList<>();
    if (object == null) {
      return images;
    }
    JsonNode spec = podSpecPointer.isEmpty() ? object : object.at(podSpecPointer);
    if (!spec.isObject()) {
      return images;
    }
    for (ContainerKind kind : ContainerKind.values()) {
      JsonNode list = spec.get(kind.field());
      if (list == null || !list.isArray()) {
        continue;
      }
      for (int i = 0; i < list.size(); i++) {
        JsonNode container = list.get(i);
        JsonNode name = container.get("name");
        String pointer = podSpecPointer + "/" + kind.field() + "/" + i + "/image";
        images.add(new PodImage(imageAsWritten(container.get("image")), kind,
            name != null && name.isTextual() ? name.textValue() : "", pointer));
      }
    }
    return images;
  }

  private static String imageAsWritten(JsonNode image) {
    if (image == null || image.isNull()) {
      return "";
    }
    return image.isTextual() ? image.textValue() : "<non-string image: " + image + ">";
  }

  /** @return true when {@code metadata.deletionTimestamp} is a non-empty string (anything else is ignored) */
  private static boolean beingDeleted(JsonNode object) {
    JsonNode ts = object == null ? null : object.path("metadata").get("deletionTimestamp");
    return ts != null && ts.isTextual() && !ts.textValue().isBlank();
  }
}
