package dev.signet.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Builds AdmissionReview bodies and Kubernetes objects for tests. */
final class Reviews {
  static final ObjectMapper JSON = new ObjectMapper();

  private Reviews() {}

  /** A pod spec with one container per image (names c0, c1, ...). */
  static ObjectNode podSpec(String... images) {
    ObjectNode spec = JSON.createObjectNode();
    ArrayNode containers = spec.putArray("containers");
    for (int i = 0; i < images.length; i++) {
      containers.addObject().put("name", "c" + i).put("image", images[i]);
    }
    return spec;
  }

  /** A Pod object with the given spec. */
  static ObjectNode pod(ObjectNode spec) {
    ObjectNode pod = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
    pod.putObject("metadata").put("name", "web").put("namespace", "team-a");
    pod.set("spec", spec);
    return pod;
  }

  /** An object of a workload kind whose pod template holds the spec ({@code spec.template.spec}). */
  static ObjectNode workload(String apiVersion, String kind, ObjectNode spec) {
    ObjectNode o = JSON.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
    o.putObject("metadata").put("name", "web").put("namespace", "team-a");
    o.putObject("spec").putObject("template").set("spec", spec);
    return o;
  }

  /** A CronJob whose job template's pod template holds the spec. */
  static ObjectNode cronJob(ObjectNode spec) {
    ObjectNode o = JSON.createObjectNode().put("apiVersion", "batch/v1").put("kind", "CronJob");
    o.putObject("metadata").put("name", "web").put("namespace", "team-a");
    o.putObject("spec").put("schedule", "*/5 * * * *").putObject("jobTemplate").putObject("spec")
        .putObject("template").set("spec", spec);
    return o;
  }

  /** A full v1 AdmissionReview for a core-group Pod. */
  static ObjectNode podReview(String uid, String operation, String namespace, JsonNode object, JsonNode oldObject) {
    return review(uid, operation, namespace, "", "v1", "Pod", "pods", object, oldObject);
  }

  /** A full v1 AdmissionReview. */
  static ObjectNode review(String uid, String operation, String namespace, String group, String version, String kind,
      String resource, JsonNode object, JsonNode oldObject) {
    ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request").put("uid", uid);
    request.putObject("kind").put("group", group).put("version", version).put("kind", kind);
    request.putObject("resource").put("group", group).put("version", version).put("resource", resource);
    request.put("name", "web").put("namespace", namespace).put("operation", operation);
    request.putObject("userInfo").put("username", "alice@example.com");
    request.set("object", object);
    request.set("oldObject", oldObject);
    request.put("dryRun", false);
    return review;
  }

  /** Reads a test resource as bytes. */
  static byte[] resource(String path) {
    try (InputStream in = Reviews.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a test resource as JSON. */
  static ObjectNode resourceJson(String path) {
    try {
      return (ObjectNode) JSON.readTree(resource(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
