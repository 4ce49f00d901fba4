package dev.signet.cli;

import dev.signet.admission.AdmissionHandler;
import dev.signet.admission.AdmissionServer;
import dev.signet.admission.AdmissionSettings;
import dev.signet.admission.DigestPinningHandler;
import dev.signet.admission.NoMatchAction;
import dev.signet.admission.PolicyEvaluator;
import dev.signet.admission.PolicyValidationHandler;
import dev.signet.admission.SelfSignedCertificate;
import dev.signet.admission.ServerMode;
import dev.signet.admission.TlsFileWatcher;
import dev.signet.admission.TlsMaterial;
import dev.signet.audit.AuditEventRecorder;
import dev.signet.audit.AuditSettings;
import dev.signet.audit.ServeAuditing;
import dev.signet.admission.ValidateRouter;
import dev.signet.cache.CacheSettings;
import dev.signet.cache.CachingImageVerification;
import dev.signet.emulator.EmulatorSeed;
import dev.signet.emulator.OciEmulator;
import dev.signet.metrics.AdmissionMetrics;
import dev.signet.metrics.MetricsServer;
import dev.signet.metrics.PolicyMetrics;
import dev.signet.policy.ClusterPolicies;
import dev.signet.policy.FilePolicySource;
import dev.signet.policy.LeaderElection;
import dev.signet.policy.PolicyFileException;
import dev.signet.policy.PolicySource;
import dev.signet.policy.StaticPolicySource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running {@code serve}: metrics registry and server, OCI stack (or the in-process emulator with
 * {@code --demo}), policy source, verification caches, the admission handler and the webhook server. Built from
 * the parsed {@link ServeCommand}; closing it stops everything in reverse order.
 */
final class SignetServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SignetServer.class);

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final AtomicBoolean shuttingDown = new AtomicBoolean();
  private OciEmulator emulator;
  private AdmissionServer webhook;
  private MetricsServer metrics;
  private PolicySource policies;
  private ServeAuditing auditing;
  private ClusterPolicies cluster;
  private KubernetesClient kubernetes;
  private Function<String, Map<String, String>> namespaceLabels = ns -> Map.of();

  private SignetServer() {}

  /**
   * Starts every part, or stops what was started and rethrows.
   *
   * @param cmd the parsed command
   * @param out where the "how to try it" lines go
   * @return the running server
   * @throws Main.UsageException for bad flags, unreadable policy or TLS files, or unusable OCI authentication
   */
  static SignetServer start(ServeCommand cmd, PrintStream out) {
    SignetServer s = new SignetServer();
    try {
      s.startAll(cmd, out);
      return s;
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private void startAll(ServeCommand cmd, PrintStream out) {
    NoMatchAction noMatch = parse(() -> NoMatchAction.parse(cmd.noMatchAction));
    ServerMode mode = parse(() -> ServerMode.parse(cmd.mode));
    CacheSettings cacheSettings = parse(() -> new CacheSettings(cmd.cache.digestTtl, cmd.cache.verifiedTtl,
        cmd.cache.notVerifiedTtl, cmd.cache.cacheSize, cmd.cache.staleIfError));
    if (cmd.logFormat != null && !cmd.logFormat.equals("json") && !cmd.logFormat.equals("text")) {
      throw new Main.UsageException("--log-format must be json or text, not '" + cmd.logFormat + "'");
    }
    if (cmd.deadline.isZero() || cmd.deadline.isNegative()) {
      throw new Main.UsageException("--deadline must be positive");
    }
    checkPort("--port", cmd.port, false);
    checkPort("--metrics-port", cmd.metricsPort, true);
    checkPort("--emulator-port", cmd.emulatorPort, false);
    checkBindAddress(cmd.effectiveBind());
    TlsMaterial tls = tls(cmd);
    policies = policySource(cmd);
    metrics = own(new MetricsServer());
    if (cmd.metricsPort >= 0) {
      listen("--metrics-port", cmd.effectiveBind(), cmd.metricsPort, () -> metrics.start(cmd.effectiveBind(),
          cmd.metricsPort));
    }
    OciStack oci;
    if (cmd.demo) {
      emulator = own(listen("--emulator-port", "127.0.0.1", cmd.emulatorPort,
          () -> OciEmulator.start(EmulatorSeed.demo(), "127.0.0.1", cmd.emulatorPort)));
      oci = own(OciStack.forEmulator(emulator, cmd.oci, metrics.registry()));
    } else {
      oci = own(OciStack.create(cmd.oci, metrics.registry()));
    }
    oci.clients().warmUp(policies.policies().stream().filter(p -> p.trust() != null)
        .flatMap(p -> p.trust().keys().stream()).toList());
    PolicyMetrics.bind(policies, metrics.registry());
    CachingImageVerification verification = oci.cachedVerification(cacheSettings, metrics.registry());
    ExecutorService pool = Executors.newFixedThreadPool(64, daemonThreads("signet-verify-"));
    own(pool::shutdownNow);
    PolicyEvaluator evaluator = new PolicyEvaluator(policies, verification::verify, namespaceLabels, noMatch, pool,
        metrics.registry());
    AdmissionSettings settings = new AdmissionSettings(
        AdmissionSettings.excludedNamespaces(cmd.excludedNamespaces, System.getenv("POD_NAMESPACE")), mode,
        cmd.deadline);
    AdmissionHandler handler = own(new AdmissionHandler(evaluator, settings));
    AuditEventRecorder validate = own(new AuditEventRecorder(new AdmissionMetrics(
        new ValidateRouter(new PolicyValidationHandler(), handler), metrics.registry(), mode.label()), mode,
        AuditEventRecorder.eventNamespace(System.getenv("POD_NAMESPACE")), AuditEventRecorder.DEFAULT_CAPACITY,
        Clock.systemUTC()));
    auditing = new ServeAuditing(policies, verification::verify, new AuditSettings(settings.excludedNamespaces(),
        noMatch, cmd.deadline), pool, metrics.registry(), cmd.backgroundAuditInterval, validate);
    if (cluster != null) {
      startAuditing(kubernetes, cluster.election()::isLeader);
    }
    // Same verification caches as /validate; its own evaluator only so /mutate does not count policy evaluations twice.
    PolicyEvaluator pinningEvaluator = new PolicyEvaluator(policies, verification::verify, namespaceLabels, noMatch,
        pool, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    DigestPinningHandler pinning = own(new DigestPinningHandler(pinningEvaluator, policies, settings,
        new DigestPinningHandler.Settings(cmd.pinDigests, cmd.pinWorkloads)));
    // /mutate always allows; counting it in signet_admission_requests_total would count every pod twice.
    webhook = own(new AdmissionServer(new AdmissionServer.Options(cmd.effectiveBind(), cmd.port, tls),
        Map.of("/validate", validate, "/mutate", pinning), this::ready).stopTimeout(cmd.deadline.plusSeconds(2)));
    listen("--port", cmd.effectiveBind(), cmd.port, webhook::start);
    if (tls != null && cmd.tlsCert != null) {
      own(new TlsFileWatcher(cmd.tlsCert, cmd.tlsKey, Duration.ofSeconds(2), webhook::reloadTls));
    }
    LOG.info("Signet serving on {}://{}:{} (mode {}, {} policies, noMatchAction {})", tls == null ? "http" : "https",
        cmd.effectiveBind(), webhook.port(), mode.label(), policies.policies().size(), noMatch.name().toLowerCase());
    if (cmd.demo) {
      printDemoHelp(cmd, out, tls == null ? "http" : "https", webhook.port());
    }
  }

  private PolicySource policySource(ServeCommand cmd) {
    if (cmd.policyFile != null) {
      try {
        FilePolicySource file = own(new FilePolicySource(cmd.policyFile));
        file.watch(Duration.ofSeconds(2));
        return file;
      } catch (PolicyFileException e) {
        throw new Main.UsageException(e.getMessage());
      }
    }
    if (cmd.demo) {
      return StaticPolicySource.demo();
    }
    String ns = java.util.Optional.ofNullable(System.getenv("POD_NAMESPACE")).filter(s -> !s.isBlank()).orElse("signet");
    kubernetes = own(new KubernetesClientBuilder().build());
    cluster = own(ClusterPolicies.start(kubernetes, ns,
        LeaderElection.identity(System.getenv().getOrDefault("POD_NAME", System.getenv("HOSTNAME"))),
        LeaderElection.Timing.DEFAULT));
    namespaceLabels = cluster.source()::labels;
    return cluster.source();
  }

  private static TlsMaterial tls(ServeCommand cmd) {
    if ((cmd.tlsCert == null) != (cmd.tlsKey == null)) {
      throw new Main.UsageException("--tls-cert and --tls-key go together");
    }
    if (cmd.plainHttp) {
      if (cmd.tlsCert != null) {
        throw new Main.UsageException("--plain-http and --tls-cert/--tls-key exclude each other");
      }
      return null;
    }
    if (cmd.tlsCert != null) {
      try {
        return TlsMaterial.load(cmd.tlsCert, cmd.tlsKey);
      } catch (IOException e) {
        throw new Main.UsageException("cannot load TLS certificate/key: " + e.getMessage());
      }
    }
    if (cmd.demo) {
      return SelfSignedCertificate.generate(SelfSignedCertificate.DEFAULT_NAMES);
    }
    throw new Main.UsageException("give --tls-cert and --tls-key (PEM), or --plain-http for local testing");
  }

  private void printDemoHelp(ServeCommand cmd, PrintStream out, String scheme, int port) {
    String url = scheme + "://127.0.0.1:" + port;
    out.println();
    out.println("Signet demo is ready: webhook " + url + ", OCI emulator " + emulator.baseUrl());
    if (cmd.policyFile == null) {
      out.println("Demo policy 'demo-signed' trusts the release key for phx.ocir.io/demotenancy/**.");
    } else {
      out.println("Policies from " + cmd.policyFile + ": " + policies.policies().stream()
          .map(p -> p.name() + " (" + p.mode() + ")").collect(java.util.stream.Collectors.joining(", ")));
    }
    out.println("Try it (from the repository root; examples/admission has one review per demo tag and per kind):");
    out.println("  curl -s" + ("https".equals(scheme) ? "k" : "") + " " + url
        + "/validate -H 'Content-Type: application/json' --data @examples/admission/pod-v2.0-unsigned.json");
    out.println("OCI calls so far: curl -s " + emulator.baseUrl() + "/_emulator/stats");
    out.println("Stop with Ctrl-C.");
    out.flush();
  }

  /**
   * Starts the audit side effects once a Kubernetes client exists: Events for Audit-mode admission failures, and
   * the background audit (PolicyReports, only while {@code isLeader}) when {@code --background-audit-interval} is
   * positive. Call once, after {@link #start}.
   *
   * @param client the shared Kubernetes client
   * @param isLeader true while this replica holds the leader lease
   */
  void startAuditing(KubernetesClient client, BooleanSupplier isLeader) {
    own(auditing.start(client, isLeader));
  }

  /** @return true when policies are loaded and the server is not shutting down */
  boolean ready() {
    return !shuttingDown.get() && policies != null && policies.ready();
  }

  /** @return the webhook's bound port */
  int webhookPort() {
    return webhook.port();
  }

  /** @return the metrics server */
  MetricsServer metrics() {
    return metrics;
  }

  /** @return the in-process emulator ({@code --demo}), or {@code null} */
  OciEmulator emulator() {
    return emulator;
  }

  /**
   * Fails {@code /readyz} at once, keeps serving for {@code delay} so endpoints drop the pod, then stops.
   *
   * @param delay how long to keep serving
   */
  void shutdownGracefully(Duration delay) {
    shuttingDown.set(true);
    LOG.info("Shutting down: /readyz fails now, serving for {} more", delay);
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
  }

  private static void checkPort(String flag, int port, boolean minusOneDisables) {
    if ((port < 0 && !(minusOneDisables && port == -1)) || port > 65535) {
      throw new Main.UsageException(flag + " must be between 0 and 65535" + (minusOneDisables ? " (or -1 to disable)" : "")
          + ", not " + port);
    }
  }

  private static void checkBindAddress(String host) {
    try {
      java.net.InetAddress.getByName(host);
    } catch (java.net.UnknownHostException e) {
      throw new Main.UsageException("--bind '" + host + "' is not an address or resolvable host name");
    }
  }

  /** Starts a listener, turning "address in use" and similar into a usage error that names the flag. */
  private static <T> T listen(String what, String host, int port, java.util.function.Supplier<T> start) {
    try {
      return start.get();
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      throw new Main.UsageException("cannot listen on " + host + ":" + port + " for " + what + ": "
          + (root instanceof java.net.BindException ? "address already in use or not available" : root.getMessage()));
    }
  }

  private <T extends AutoCloseable> T own(T resource) {
    resources.add(resource);
    return resource;
  }

  @Override
  public synchronized void close() {
    shuttingDown.set(true);
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn("error while stopping {}: {}", resources.get(i).getClass().getSimpleName(), e.toString());
      }
    }
    resources.clear();
  }

  private static <T> T parse(java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(e.getMessage());
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
