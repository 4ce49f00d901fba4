package dev.signet.audit;

import dev.signet.audit.RunningImages.ContainerImage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * One object an audit evaluates: a Pod or a workload with a pod template.
 *
 * @param namespace its namespace
 * @param kind its kind
 * @param apiVersion its apiVersion ({@code v1}, {@code apps/v1}, {@code batch/v1})
 * @param name its name
 * @param uid its uid, {@code ""} when unknown
 * @param images its containers
 */
record AuditedObject(String namespace, String kind, String apiVersion, String name, String uid,
    List<ContainerImage> images) {
  private static final List<String> KIND_ORDER = List.of("Pod", "Deployment", "ReplicaSet", "StatefulSet",
      "DaemonSet", "Job", "CronJob", "ReplicationController");

  static AuditedObject of(HasMetadata object, String apiVersion, List<ContainerImage> images) {
    String uid = object.getMetadata().getUid();
    String ns = object.getMetadata().getNamespace();
    return new AuditedObject(ns == null ? "" : ns, object.getKind(), apiVersion, object.getMetadata().getName(),
        uid == null ? "" : uid, images);
  }

  int kindOrder() {
    int i = KIND_ORDER.indexOf(kind);
    return i < 0 ? KIND_ORDER.size() : i;
  }
}
