package dev.signet.cli;

import dev.signet.admission.AdmissionSettings;
import dev.signet.admission.NoMatchAction;
import dev.signet.audit.AuditException;
import dev.signet.audit.AuditReport;
import dev.signet.audit.AuditRow;
import dev.signet.audit.AuditScope;
import dev.signet.audit.AuditSettings;
import dev.signet.audit.ClusterAuditor;
import dev.signet.audit.ClusterPolicies;
import dev.signet.cache.CacheSettings;
import dev.signet.cache.CachingImageVerification;
import dev.signet.policy.FilePolicySource;
import dev.signet.policy.PolicyFileException;
import dev.signet.policy.PolicySource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code signet audit}: evaluates what already runs in a cluster against its policies, admitting nothing
 * (DESIGN §8). Exit 0 (or 3 with {@code --fail-on-violation} when an Enforce policy or
 * {@code noMatchAction: deny} would deny something), 2 when anything could not be evaluated, 64 bad usage.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Evaluate running Pods (and with --workloads, pod templates) of a cluster against the policies.")
final class AuditCommand implements Callable<Integer> {
  private static final int PROGRESS_EVERY = 50;
  private static final int KUBE_RETRIES = 2;

  static final class Scope {
    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Audit only this namespace")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "Audit every namespace (the default)")
    boolean all;
  }

  @ArgGroup(exclusive = true)
  Scope scope = new Scope();

  @Option(names = "--workloads", description = "Also evaluate the pod templates of Deployments, ReplicaSets, "
      + "StatefulSets, DaemonSets, Jobs, CronJobs and ReplicationControllers")
  boolean workloads;

  @Option(names = "--kubeconfig", paramLabel = "PATH",
      description = "Kubeconfig file (default: $KUBECONFIG, ~/.kube/config, or the in-cluster service account)")
  Path kubeconfig;

  @Option(names = "--policy-file", paramLabel = "FILE",
      description = "Multi-document YAML of policies (default: the cluster's ClusterImageSignaturePolicy objects)")
  Path policyFile;

  @Option(names = "--no-match-action", paramLabel = "allow|warn|deny", defaultValue = "allow",
      description = "What images no policy matches get (default: ${DEFAULT-VALUE})")
  String noMatchAction;

  @Option(names = "--excluded-namespaces", paramLabel = "NS[,NS...]", split = ",",
      description = "Namespaces never audited (default kube-system,kube-public,kube-node-lease; POD_NAMESPACE too)")
  List<String> excludedNamespaces;

  @Option(names = "--output", paramLabel = "table|json", defaultValue = "table",
      description = "Output format (default: ${DEFAULT-VALUE})")
  String output;

  @Option(names = "--fail-on-violation", description = "Exit 3 when an Enforce policy (or noMatchAction deny) "
      + "would deny something")
  boolean failOnViolation;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
      description = "Longest evaluation of one batch of up to 32 images (default: ${DEFAULT-VALUE})")
  Duration timeout;

  @Mixin
  OciOptions oci = new OciOptions();

  @Override
  public Integer call() {
    AuditSettings settings = settings();
    if (policyFile != null && !Files.isRegularFile(policyFile)) {
      throw new Main.UsageException("--policy-file " + policyFile + " is not a readable file");
    }
    PrintStream err = System.err;
    // The cluster first: without it nothing can be audited, so say so before any OCI configuration problem.
    try (KubernetesClient client = client()) {
      ClusterAuditor.checkReachable(client, scope.namespace);
      PolicySource policies = policies(client);
      try (OciStack stack = OciStack.create(oci, new SimpleMeterRegistry())) {
        AuditReport report = run(client, policies, stack, settings, err);
        System.out.print("json".equals(output) ? report.json() : report.table());
        System.out.flush();
        return report.exitCode(failOnViolation);
      }
    } catch (AuditException e) {
      err.println("signet: " + e.getMessage() + noKubeconfigHint());
      return AuditReport.EXIT_ERROR;
    }
  }

  /**
   * When no kubeconfig exists and Signet does not run in a pod, fabric8 falls back to the in-cluster address
   * {@code kubernetes.default.svc}; say so, or the "unknown host" that follows is a puzzle.
   */
  private String noKubeconfigHint() {
    if (kubeconfig != null || System.getenv("KUBERNETES_SERVICE_HOST") != null) {
      return "";
    }
    String configured = System.getProperty("kubeconfig", System.getenv("KUBECONFIG"));
    Path file = configured != null ? Path.of(configured.split(java.io.File.pathSeparator)[0])
        : Path.of(System.getProperty("user.home"), ".kube", "config");
    return Files.exists(file) ? "" : "; no kubeconfig found at " + file
        + " (give --kubeconfig, set KUBECONFIG, or run inside the cluster)";
  }

  private AuditReport run(KubernetesClient client, PolicySource policies, OciStack stack, AuditSettings settings,
      PrintStream err) {
    CachingImageVerification verification = stack.cachedVerification(CacheSettings.defaults(),
        new SimpleMeterRegistry());
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      ClusterAuditor auditor = new ClusterAuditor(client, policies, verification::verify, settings, pool,
          new SimpleMeterRegistry());
      int[] seen = {0};
      List<AuditRow> rows = auditor.audit(new AuditScope(scope.namespace, workloads), n -> {
        seen[0] = n;
        if (n % PROGRESS_EVERY == 0) {
          err.println("signet: audited " + n + " objects...");
        }
      });
      return new AuditReport(rows, seen[0]);
    } finally {
      pool.shutdownNow();
    }
  }

  private AuditSettings settings() {
    if (!"table".equals(output) && !"json".equals(output)) {
      throw new Main.UsageException("--output must be table or json, not '" + output + "'");
    }
    try {
      return new AuditSettings(AdmissionSettings.excludedNamespaces(excludedNamespaces,
          System.getenv("POD_NAMESPACE")), NoMatchAction.parse(noMatchAction), timeout);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(e.getMessage());
    }
  }

  private PolicySource policies(KubernetesClient client) {
    if (policyFile == null) {
      return ClusterPolicies.load(client);
    }
    try (FilePolicySource file = new FilePolicySource(policyFile)) {
      return file;
    } catch (PolicyFileException e) {
      throw new Main.UsageException(e.getMessage());
    }
  }

  /** A client from --kubeconfig, else the usual discovery; few retries, so an unreachable cluster fails fast. */
  private KubernetesClient client() {
    Config config = kubeconfig == null ? Config.autoConfigure(null) : Kubeconfigs.load(kubeconfig);
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(config).withRequestRetryBackoffLimit(KUBE_RETRIES)
        .build()).build();
  }
}
