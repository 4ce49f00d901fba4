package dev.signet.policy;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything {@code serve} runs for policies from the cluster: the {@link ClusterPolicySource} (informers), the
 * {@link LeaderElection} on the {@code signet-leader} Lease and the {@link PolicyStatusWriter}. Closing stops them
 * in reverse order (the Lease is released); the client is not closed.
 */
public final class ClusterPolicies implements AutoCloseable {
  /** Interval of the status writer's full pass. */
  public static final Duration STATUS_RESYNC = Duration.ofSeconds(60);

  private final ClusterPolicySource source;
  private final LeaderElection election;
  private final PolicyStatusWriter writer;

  private ClusterPolicies(ClusterPolicySource source, LeaderElection election, PolicyStatusWriter writer) {
    this.source = source;
    this.election = election;
    this.writer = writer;
  }

  /**
   * Starts the informers, the election and the status writer (none waits for the API server).
   *
   * @param client the Kubernetes client
   * @param namespace Signet's namespace (the Lease's), e.g. from {@code POD_NAMESPACE}
   * @param identity this replica's identity in the Lease, see {@link LeaderElection#identity(String)}
   * @param timing lease timing
   * @return the running parts
   */
  public static ClusterPolicies start(KubernetesClient client, String namespace, String identity,
      LeaderElection.Timing timing) {
    ClusterPolicySource source = new ClusterPolicySource(client).start();
    LeaderElection election = new LeaderElection(client, namespace, identity, timing);
    PolicyStatusWriter writer = new PolicyStatusWriter(client, source, election::isLeader, Clock.systemUTC());
    election.onStartLeading(writer::requestSync);
    writer.start(STATUS_RESYNC);
    election.start();
    return new ClusterPolicies(source, election, writer);
  }

  /** @return the policy source (also the namespace-label lookup {@code source()::labels}) */
  public ClusterPolicySource source() {
    return source;
  }

  /** @return the leader election; {@code election()::isLeader} says whether this replica leads */
  public LeaderElection election() {
    return election;
  }

  @Override
  public void close() {
    writer.close();
    election.close();
    source.close();
  }
}
