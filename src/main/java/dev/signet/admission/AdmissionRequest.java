package dev.signet.admission;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of an {@code AdmissionReview.request} (admission.k8s.io/v1 or v1beta1) that Signet acts on.
 *
 * @param uid {@code request.uid}, echoed in the response
 * @param apiVersion the envelope's {@code apiVersion} ({@code admission.k8s.io/v1} or {@code admission.k8s.io/v1beta1}),
 *     echoed in the response
 * @param kind {@code request.kind}, or derived from the object's {@code apiVersion}/{@code kind} when absent
 * @param resource {@code request.resource}; fields are {@code ""} when absent
 * @param subResource {@code request.subResource}, {@code ""} when none
 * @param operation {@code request.operation}
 * @param namespace {@code request.namespace} (authoritative), else the object's, else {@code ""} (cluster-scoped)
 * @param name {@code request.name}, else the object's {@code metadata.name} or {@code generateName}, else {@code ""}
 * @param dryRun {@code request.dryRun}; false when absent or null
 * @param object {@code request.object}: a JSON object for CREATE and UPDATE, {@code null} otherwise when absent
 * @param oldObject {@code request.oldObject}, or {@code null} when absent, null, {@code {}}, {@code ""} or
 *     {@code "None"}
 */
public record AdmissionRequest(String uid, String apiVersion, GroupVersionKind kind, GroupVersionResource resource,
    String subResource, Operation operation, String namespace, String name, boolean dryRun, JsonNode object,
    JsonNode oldObject) {

  /** The admission operations of the Kubernetes API server. */
  public enum Operation {
    /** Object creation. */
    CREATE,
    /** Object update, including subresource updates. */
    UPDATE,
    /** Object deletion. */
    DELETE,
    /** Connect (exec, attach, port-forward, proxy). */
    CONNECT
  }

  /**
   * A Kubernetes group/version/kind.
   *
   * @param group API group, {@code ""} for the core group
   * @param version API version, e.g. {@code v1}
   * @param kind kind, e.g. {@code Deployment}; {@code ""} when unknown
   */
  public record GroupVersionKind(String group, String version, String kind) {
    /** @return {@code kind} for the core group, else {@code group/kind}, for logs */
    @Override
    public String toString() {
      return group.isEmpty() ? kind : group + "/" + kind;
    }
  }

  /**
   * A Kubernetes group/version/resource.
   *
   * @param group API group, {@code ""} for the core group
   * @param version API version
   * @param resource plural resource name, e.g. {@code pods}
   */
  public record GroupVersionResource(String group, String version, String resource) {}
}
