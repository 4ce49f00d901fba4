package dev.signet.audit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit rows as {@code wgpolicyk8s.io/v1alpha2 PolicyReport} objects (the format Kyverno and Kubewarden
 * write; DESIGN §11): one report named {@code signet} per namespace, labelled
 * {@code app.kubernetes.io/managed-by: signet}, with a {@code summary} and one result per (image, digest,
 * policy, outcome) naming every Pod that runs it in {@code resources}. Images no policy matches (result skip)
 * are left out. Reports of namespaces that no longer have results are deleted.
 */
public final class PolicyReportWriter {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyReportWriter.class);
  /** Name of Signet's report in each namespace. */
  public static final String NAME = "signet";
  /** The {@code source} of every result. */
  public static final String SOURCE = "signet";
  /** Label put on every report Signet writes (and used to find stale ones). */
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  /** The PolicyReport resource ({@code policyreports.wgpolicyk8s.io}, namespaced, v1alpha2). */
  public static final ResourceDefinitionContext POLICY_REPORTS = new ResourceDefinitionContext.Builder()
      .withGroup("wgpolicyk8s.io").withVersion("v1alpha2").withKind("PolicyReport").withPlural("policyreports")
      .withNamespaced(true).build();
  /** Pseudo-policy name for the global {@code noMatchAction} (warn or deny) in results. */
  public static final String NO_MATCH_POLICY = "noMatchAction";

  private final KubernetesClient client;
  private final Clock clock;

  /**
   * @param client the Kubernetes client (needs create/update/list/delete on policyreports)
   * @param clock the time written into results
   */
  public PolicyReportWriter(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * Replaces the report of every namespace in {@code rows} and deletes Signet's reports elsewhere.
   *
   * @param rows audit rows of Pods (any namespaces)
   * @return the number of reports written
   * @throws KubernetesClientException when the reports cannot be listed (e.g. the CRD is not installed); a
   *     failure to write one namespace's report is logged and the others are still written
   */
  public int write(Collection<AuditRow> rows) {
    Map<String, List<AuditRow>> byNamespace = new LinkedHashMap<>();
    rows.stream().filter(r -> r.result() != AuditResult.SKIP)
        .forEach(r -> byNamespace.computeIfAbsent(r.namespace(), k -> new ArrayList<>()).add(r));
    Instant now = clock.instant();
    int written = 0;
    for (Map.Entry<String, List<AuditRow>> e : byNamespace.entrySet()) {
      try {
        put(PolicyReports.report(e.getKey(), e.getValue(), now));
        written++;
      } catch (KubernetesClientException ex) {
        LOG.warn("cannot write PolicyReport {}/{}: {}", e.getKey(), NAME, ex.getMessage());
      }
    }
    deleteStale(byNamespace.keySet());
    return written;
  }

  private void put(GenericKubernetesResource report) {
    var resource = client.genericKubernetesResources(POLICY_REPORTS).inNamespace(report.getMetadata().getNamespace())
        .withName(NAME);
    GenericKubernetesResource existing = resource.get();
    if (existing == null) {
      client.genericKubernetesResources(POLICY_REPORTS).inNamespace(report.getMetadata().getNamespace())
          .resource(report).create();
    } else {
      report.setMetadata(new ObjectMetaBuilder(report.getMetadata())
          .withResourceVersion(existing.getMetadata().getResourceVersion()).build());
      client.genericKubernetesResources(POLICY_REPORTS).inNamespace(report.getMetadata().getNamespace())
          .resource(report).update();
    }
  }

  private void deleteStale(Set<String> keep) {
    List<GenericKubernetesResource> mine = client.genericKubernetesResources(POLICY_REPORTS).inAnyNamespace()
        .withLabel(MANAGED_BY_LABEL, SOURCE).list().getItems();
    for (GenericKubernetesResource r : mine) {
      String ns = r.getMetadata().getNamespace();
      if (NAME.equals(r.getMetadata().getName()) && !keep.contains(ns)) {
        try {
          client.genericKubernetesResources(POLICY_REPORTS).inNamespace(ns).withName(NAME).delete();
        } catch (KubernetesClientException ex) {
          LOG.warn("cannot delete stale PolicyReport {}/{}: {}", ns, NAME, ex.getMessage());
        }
      }
    }
  }
}
