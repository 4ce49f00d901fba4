package dev.signet.policy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Policies from the cluster: a fabric8 informer on {@code ClusterImageSignaturePolicy} objects (read as generic
 * resources, so that one unreadable object can never stop the informer) and one on {@code Namespace} objects
 * (their labels, for {@code namespaceSelector}). Each policy is compiled once per {@code metadata.generation};
 * every change publishes a new immutable snapshot. Not {@link #ready()} until both informers have synced.
 * Informers retry forever (the CRD may be installed later); {@link #close()} stops them.
 */
public final class ClusterPolicySource implements PolicySource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterPolicySource.class);

  /**
   * A policy as last seen, with its compiled form.
   *
   * @param raw the object as the API server sent it (for status updates)
   * @param read the typed resource and compiled policy
   */
  public record PolicyEntry(GenericKubernetesResource raw, PolicyReader.ReadPolicy read) {
    /** @return the compiled policy */
    public CompiledPolicy compiled() {
      return read.compiled();
    }
  }

  private final KubernetesClient client;
  private final Map<String, PolicyEntry> entries = new ConcurrentHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile List<CompiledPolicy> snapshot = List.of();
  private volatile Map<String, PolicyEntry> entrySnapshot = Map.of();
  private SharedIndexInformer<GenericKubernetesResource> policyInformer;
  private SharedIndexInformer<Namespace> namespaceInformer;

  /** @param client the Kubernetes client (kubeconfig or in-cluster); not closed by this source */
  public ClusterPolicySource(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Starts both informers without waiting for their first sync.
   *
   * @return this source
   * @throws IllegalStateException when already started
   */
  public synchronized ClusterPolicySource start() {
    if (policyInformer != null) {
      throw new IllegalStateException("already started");
    }
    policyInformer = client.genericKubernetesResources(PolicyReader.CONTEXT).runnableInformer(0);
    policyInformer.addEventHandler(new PolicyHandler());
    policyInformer.exceptionHandler(ClusterPolicySource::retry);
    namespaceInformer = client.namespaces().runnableInformer(0);
    namespaceInformer.exceptionHandler(ClusterPolicySource::retry);
    policyInformer.start();
    namespaceInformer.start();
    LOG.info("watching {} and Namespace objects at {}", ClusterImageSignaturePolicy.KIND, client.getMasterUrl());
    return this;
  }

  private static boolean retry(boolean started, Throwable t) {
    LOG.warn("watching {} failed, retrying: {}", started ? "the cluster" : "the cluster (initial list)",
        t instanceof KubernetesClientException k ? k.getMessage() : t.toString());
    return true;
  }

  /** @return the compiled policies, sorted by name (an immutable snapshot) */
  @Override
  public List<CompiledPolicy> policies() {
    return snapshot;
  }

  /** @return true once both informers have listed their objects */
  @Override
  public boolean ready() {
    SharedIndexInformer<?> p = policyInformer;
    SharedIndexInformer<?> n = namespaceInformer;
    return p != null && n != null && p.hasSynced() && n.hasSynced();
  }

  /** @return name → policy entry (an immutable snapshot), for the status writer */
  public Map<String, PolicyEntry> entries() {
    return entrySnapshot;
  }

  /**
   * @param listener called (on the informer thread; keep it short) after each published change
   */
  public void addListener(Runnable listener) {
    listeners.add(listener);
  }

  /**
   * The labels of a namespace, from the namespace informer; on a miss (a namespace created an instant ago) the
   * API server is asked directly.
   *
   * @param namespace a namespace name
   * @return its labels; empty when it has none or does not exist
   * @throws IllegalStateException when the namespace is not cached and the API server cannot be asked, so that
   *     admission fails closed rather than skipping a selector
   */
  public Map<String, String> labels(String namespace) {
    if (namespace == null || namespace.isEmpty()) {
      return Map.of();
    }
    SharedIndexInformer<Namespace> informer = namespaceInformer;
    Namespace ns = informer == null ? null : informer.getStore().getByKey(namespace);
    if (ns == null) {
      try {
        ns = client.namespaces().withName(namespace).get();
      } catch (KubernetesClientException e) {
        throw new IllegalStateException("cannot read the labels of namespace " + namespace + ": " + e.getMessage(), e);
      }
    }
    Map<String, String> labels = ns == null || ns.getMetadata() == null ? null : ns.getMetadata().getLabels();
    return labels == null ? Map.of() : Map.copyOf(labels);
  }

  private void upsert(GenericKubernetesResource raw) {
    String name = raw.getMetadata() == null ? null : raw.getMetadata().getName();
    if (name == null) {
      return;
    }
    PolicyEntry previous = entries.get(name);
    PolicyReader.ReadPolicy read;
    if (previous != null && sameGeneration(previous.raw(), raw)) {
      PolicyReader.ReadPolicy fresh = PolicyReader.read(raw);
      read = new PolicyReader.ReadPolicy(fresh.resource(), previous.compiled());
    } else {
      read = PolicyReader.read(raw);
      CompiledPolicy c = read.compiled();
      if (c.valid()) {
        LOG.info("policy {} generation {} compiled ({} mode)", name, c.generation(), c.mode());
      } else {
        c = keepCoverage(c, previous == null ? null : previous.compiled());
        read = new PolicyReader.ReadPolicy(read.resource(), c);
        LOG.warn("policy {} generation {} is invalid and fails closed for {}: {}", name, c.generation(),
            c.images().isEmpty() ? "no image (no valid glob)" : c.images(), c.problems());
      }
    }
    entries.put(name, new PolicyEntry(raw, read));
    publish();
  }

  /**
   * An edit that makes a policy invalid must not shrink what it enforces: the images its previous version
   * matched stay covered (denied with {@code PolicyInvalid}) together with the new version's valid globs.
   *
   * @param invalid the new, invalid compilation
   * @param previous the previous compilation of the same policy, or {@code null}
   * @return the invalid policy, matching the union of both versions' globs
   */
  static CompiledPolicy keepCoverage(CompiledPolicy invalid, CompiledPolicy previous) {
    if (previous == null) {
      return invalid;
    }
    java.util.LinkedHashSet<ImageGlob> globs = new java.util.LinkedHashSet<>(invalid.images());
    globs.addAll(previous.images());
    return new CompiledPolicy(invalid.name(), invalid.generation(), invalid.mode(), List.copyOf(globs),
        invalid.trust(), invalid.namespaceSelector(), invalid.pinDigests(), invalid.problems());
  }

  /**
   * Same generation and same spec: an API server bumps the generation on every spec change, but a server that
   * does not (or an object without generation) must never keep a stale compiled policy.
   */
  private static boolean sameGeneration(GenericKubernetesResource a, GenericKubernetesResource b) {
    return Objects.equals(a.getMetadata().getGeneration(), b.getMetadata().getGeneration())
        && Objects.equals(a.getAdditionalProperties().get("spec"), b.getAdditionalProperties().get("spec"));
  }

  private void remove(GenericKubernetesResource raw) {
    String name = raw.getMetadata() == null ? null : raw.getMetadata().getName();
    if (name != null && entries.remove(name) != null) {
      LOG.info("policy {} deleted", name);
      publish();
    }
  }

  private synchronized void publish() {
    List<CompiledPolicy> list = new ArrayList<>();
    entries.values().forEach(e -> list.add(e.compiled()));
    list.sort(Comparator.comparing(CompiledPolicy::name));
    entrySnapshot = Map.copyOf(entries);
    snapshot = List.copyOf(list);
    for (Runnable l : listeners) {
      try {
        l.run();
      } catch (RuntimeException e) {
        LOG.warn("policy change listener failed: {}", e.toString());
      }
    }
  }

  /** Stops both informers; the last snapshot stays available. */
  @Override
  public synchronized void close() {
    if (policyInformer != null) {
      policyInformer.close();
    }
    if (namespaceInformer != null) {
      namespaceInformer.close();
    }
  }

  private final class PolicyHandler implements ResourceEventHandler<GenericKubernetesResource> {
    @Override
    public void onAdd(GenericKubernetesResource obj) {
      upsert(obj);
    }

    @Override
    public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
      upsert(newObj);
    }

    @Override
    public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
      remove(obj);
    }
  }
}
