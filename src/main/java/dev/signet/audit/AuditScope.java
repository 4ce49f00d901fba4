package dev.signet.audit;

/**
 * What an audit run looks at.
 *
 * @param namespace one namespace, or {@code null} for all namespaces
 * @param workloads true to evaluate the pod templates of Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs,
 *     CronJobs and ReplicationControllers as well as running Pods
 */
public record AuditScope(String namespace, boolean workloads) {
  /** @return every namespace, Pods only (what background audit scans) */
  public static AuditScope allPods() {
    return new AuditScope(null, false);
  }
}
