package dev.signet.audit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Lists objects for an audit: all namespaces or one, in pages of 500. */
final class ClusterObjects {
  private static final long PAGE = 500;

  private ClusterObjects() {}

  /**
   * @param op a typed operation, e.g. {@code client.pods()}
   * @param namespace one namespace, or {@code null} for all
   * @return every object, following {@code continue} tokens
   */
  static <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>> List<T> list(
      MixedOperation<T, L, R> op, String namespace) {
    List<T> out = new ArrayList<>();
    String next = null;
    do {
      ListOptionsBuilder options = new ListOptionsBuilder().withLimit(PAGE);
      if (next != null) {
        options.withContinue(next);
      }
      L page = namespace == null ? op.inAnyNamespace().list(options.build())
          : op.inNamespace(namespace).list(options.build());
      out.addAll(page.getItems());
      next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
    } while (next != null && !next.isEmpty());
    return out;
  }

  /**
   * @param client the client
   * @param namespace one namespace, or {@code null} for all
   * @return every Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob and ReplicationController with the
   *     containers of its pod template
   * @throws AuditException when a kind cannot be listed
   */
  static List<AuditedObject> workloads(KubernetesClient client, String namespace) {
    List<AuditedObject> out = new ArrayList<>();
    add(client, out, "deployments", () -> list(client.apps().deployments(), namespace), "apps/v1",
        d -> d.getSpec() == null ? null : d.getSpec().getTemplate());
    add(client, out, "replicasets", () -> list(client.apps().replicaSets(), namespace), "apps/v1",
        r -> r.getSpec() == null ? null : r.getSpec().getTemplate());
    add(client, out, "statefulsets", () -> list(client.apps().statefulSets(), namespace), "apps/v1",
        s -> s.getSpec() == null ? null : s.getSpec().getTemplate());
    add(client, out, "daemonsets", () -> list(client.apps().daemonSets(), namespace), "apps/v1",
        d -> d.getSpec() == null ? null : d.getSpec().getTemplate());
    add(client, out, "jobs", () -> list(client.batch().v1().jobs(), namespace), "batch/v1",
        j -> j.getSpec() == null ? null : j.getSpec().getTemplate());
    add(client, out, "cronjobs", () -> list(client.batch().v1().cronjobs(), namespace), "batch/v1",
        c -> c.getSpec() == null || c.getSpec().getJobTemplate() == null
            || c.getSpec().getJobTemplate().getSpec() == null ? null
            : c.getSpec().getJobTemplate().getSpec().getTemplate());
    add(client, out, "replicationcontrollers", () -> list(client.replicationControllers(), namespace), "v1",
        r -> r.getSpec() == null ? null : r.getSpec().getTemplate());
    return out;
  }

  private static <T extends HasMetadata> void add(KubernetesClient client, List<AuditedObject> out, String what,
      java.util.function.Supplier<List<T>> lister, String apiVersion, Function<T, PodTemplateSpec> template) {
    for (T object : ClusterAuditor.read(client, what, lister)) {
      PodTemplateSpec t = template.apply(object);
      PodSpec spec = t == null ? null : t.getSpec();
      out.add(AuditedObject.of(object, apiVersion, RunningImages.ofTemplate(spec)));
    }
  }
}
