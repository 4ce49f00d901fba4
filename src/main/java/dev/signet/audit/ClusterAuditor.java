package dev.signet.audit;

import dev.signet.admission.ImageResult;
import dev.signet.admission.PolicyEvaluator;
import dev.signet.admission.PolicyFailure;
import dev.signet.audit.RunningImages.ContainerImage;
import dev.signet.policy.PolicyMode;
import dev.signet.policy.PolicySource;
import dev.signet.verify.ReasonCode;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Evaluates what already runs in a cluster against the policies, without admitting anything (DESIGN §8
 * {@code audit}): every Pod (checking the digest that actually runs, see {@link RunningImages}) and, on request,
 * the pod templates of every workload kind of DESIGN §6, in one namespace or all, skipping excluded namespaces.
 * Uses the admission {@link PolicyEvaluator}, so the verdicts are those admission would give. Thread-safe for
 * one run at a time.
 */
public final class ClusterAuditor {
  /** Most distinct images evaluated in one call (and under one timeout). */
  private static final int BATCH = 32;

  private final KubernetesClient client;
  private final AuditSettings settings;
  private final PolicyEvaluator evaluator;
  private volatile Map<String, Map<String, String>> namespaceLabels = Map.of();

  /**
   * @param client the Kubernetes client (kubeconfig or in-cluster)
   * @param policies the compiled policies
   * @param verification per-image verification (best cached, so an image shared by many pods is checked once)
   * @param settings excluded namespaces, noMatchAction, per-object timeout
   * @param executor runs (image, policy) evaluations concurrently
   * @param registry where evaluation counters go
   */
  public ClusterAuditor(KubernetesClient client, PolicySource policies, PolicyEvaluator.VerdictFunction verification,
      AuditSettings settings, Executor executor, MeterRegistry registry) {
    this.client = client;
    this.settings = settings;
    this.evaluator = new PolicyEvaluator(policies, verification,
        ns -> namespaceLabels.getOrDefault(ns, Map.of()), settings.noMatchAction(), executor, registry);
  }

  /**
   * Runs one audit.
   *
   * @param scope the namespace (or all) and whether to include workloads
   * @param progress called with the number of objects evaluated so far, after each object
   * @return one row per (container image, policy) of every object in scope, sorted by namespace, kind, name
   * @throws AuditException when the cluster cannot be read
   */
  public List<AuditRow> audit(AuditScope scope, IntConsumer progress) {
    namespaceLabels = read(client, "namespaces", () -> labels(client, scope.namespace()));
    List<AuditedObject> objects = new ArrayList<>(pods(scope.namespace()));
    if (scope.workloads()) {
      objects.addAll(ClusterObjects.workloads(client, scope.namespace()));
    }
    objects.removeIf(o -> settings.excludedNamespaces().contains(o.namespace()));
    objects.sort(Comparator.comparing(AuditedObject::namespace).thenComparing(AuditedObject::kindOrder)
        .thenComparing(AuditedObject::name));
    Map<String, List<AuditedObject>> byNamespace = objects.stream().collect(
        Collectors.groupingBy(AuditedObject::namespace, LinkedHashMap::new, Collectors.toList()));
    List<AuditRow> rows = new ArrayList<>();
    int done = 0;
    for (Map.Entry<String, List<AuditedObject>> e : byNamespace.entrySet()) {
      Map<String, ImageResult> results = evaluate(e.getKey(), e.getValue());
      for (AuditedObject o : e.getValue()) {
        rows.addAll(rows(o, results));
        progress.accept(++done);
      }
    }
    return rows;
  }

  /**
   * @param namespace one namespace, or {@code null} for all
   * @return every Pod in scope that has not finished (phase Succeeded or Failed), with its containers (running
   *     digests included)
   * @throws AuditException when pods cannot be listed
   */
  List<AuditedObject> pods(String namespace) {
    return read(client, "pods", () -> ClusterObjects.list(client.pods(), namespace)).stream()
        .filter(p -> !finished(p)).map(p -> AuditedObject.of(p, "v1", RunningImages.ofPod(p))).toList();
  }

  /** Pods in phase Succeeded or Failed run nothing any more (their workload's template is audited instead). */
  private static boolean finished(io.fabric8.kubernetes.api.model.Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /**
   * Evaluates the distinct images of one namespace's objects in batches: the evaluator runs every (image, policy)
   * pair of a batch concurrently, and each batch gets its own timeout.
   */
  private Map<String, ImageResult> evaluate(String namespace, List<AuditedObject> objects) {
    List<String> images = new ArrayList<>(new LinkedHashSet<>(objects.stream()
        .flatMap(o -> o.images().stream()).map(ContainerImage::evaluated).toList()));
    Map<String, ImageResult> results = new HashMap<>();
    for (int i = 0; i < images.size(); i += BATCH) {
      List<String> batch = images.subList(i, Math.min(images.size(), i + BATCH));
      Instant deadline = Instant.now().plus(settings.objectTimeout());
      try {
        evaluator.evaluate(namespace, batch, deadline).forEach(r -> results.put(r.image(), r));
      } catch (RuntimeException e) {
        batch.forEach(img -> results.put(img, new ImageResult(img, null, List.of(), List.of(new PolicyFailure(null,
            PolicyMode.Enforce, ReasonCode.BackendError, "evaluation failed: " + e)), false)));
      }
    }
    return results;
  }

  private static List<AuditRow> rows(AuditedObject o, Map<String, ImageResult> results) {
    List<AuditRow> rows = new ArrayList<>();
    for (ContainerImage c : o.images()) {
      ImageResult r = results.get(c.evaluated());
      String digest = c.runningDigest() != null ? c.runningDigest().toString() : r == null ? null : r.digest();
      for (Outcome out : outcomes(r)) {
        rows.add(new AuditRow(o.namespace(), o.kind(), o.apiVersion(), o.name(), o.uid(), c.container(), c.image(),
            digest, out.policy, out.result, out.reason, out.message));
      }
    }
    return rows;
  }

  private record Outcome(String policy, AuditResult result, ReasonCode reason, String message) {}

  /** One outcome per matched policy (pass or its failure), plus failures without a policy; skip when none. */
  private static List<Outcome> outcomes(ImageResult r) {
    List<Outcome> out = new ArrayList<>();
    if (r == null) {
      out.add(new Outcome(null, AuditResult.ERROR, ReasonCode.BackendError, "no evaluation result"));
      return out;
    }
    for (String policy : r.matchedPolicies()) {
      PolicyFailure f = r.failures().stream().filter(x -> policy.equals(x.policy())).findFirst().orElse(null);
      out.add(f == null ? new Outcome(policy, AuditResult.PASS, null, "verified") : outcome(f));
    }
    r.failures().stream().filter(f -> f.policy() == null || !r.matchedPolicies().contains(f.policy()))
        .forEach(f -> out.add(outcome(f)));
    if (out.isEmpty()) {
      out.add(new Outcome(null, AuditResult.SKIP, null, "no policy matches this image"));
    }
    return out;
  }

  private static Outcome outcome(PolicyFailure f) {
    AuditResult result = f.reason() == ReasonCode.BackendError ? AuditResult.ERROR
        : f.mode() == PolicyMode.Audit ? AuditResult.WARN : AuditResult.FAIL;
    return new Outcome(f.policy(), result, f.reason(), f.text());
  }

  /**
   * Checks that the cluster answers before anything else is set up (the first read of {@link #audit}): lists the
   * namespaces, or reads the one namespace.
   *
   * @param client the Kubernetes client
   * @param namespace one namespace, or {@code null} for all
   * @throws AuditException naming the API server URL and the cause when the cluster cannot be read
   */
  public static void checkReachable(KubernetesClient client, String namespace) {
    read(client, "namespaces", () -> labels(client, namespace));
  }

  private static Map<String, Map<String, String>> labels(KubernetesClient client, String namespace) {
    List<Namespace> list = namespace == null ? client.namespaces().list().getItems()
        : java.util.Optional.ofNullable(client.namespaces().withName(namespace).get()).map(List::of)
            .orElse(List.of());
    Map<String, Map<String, String>> out = new HashMap<>();
    for (Namespace n : list) {
      Map<String, String> l = n.getMetadata().getLabels();
      out.put(n.getMetadata().getName(), l == null ? Map.of() : Map.copyOf(l));
    }
    return out;
  }

  /** Runs one read of the cluster; a failure becomes an {@link AuditException} from {@link ClusterFailures}. */
  static <T> T read(KubernetesClient client, String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      throw ClusterFailures.describe(client, what, e);
    }
  }
}
