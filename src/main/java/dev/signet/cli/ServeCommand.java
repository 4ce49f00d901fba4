package dev.signet.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code signet serve}: the admission webhook (DESIGN §8). {@code --demo} runs it on the embedded OCI emulator. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run the admission webhook (POST /validate, POST /mutate, GET /healthz, GET /readyz; "
        + "GET /metrics on the metrics port).")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--demo", description = "Run on the in-process OCI emulator with the demo seed and demo policy, "
      + "on https://127.0.0.1:8443 with a self-signed certificate")
  boolean demo;

  @Option(names = "--bind", paramLabel = "HOST", description = "Address to bind (default 0.0.0.0; 127.0.0.1 with --demo)")
  String bind;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8443", description = "Webhook port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--plain-http", description = "Serve plain HTTP instead of HTTPS (local testing only)")
  boolean plainHttp;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serving certificate chain (PEM); reloaded when it changes")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key (PEM: PKCS#8, PKCS#1 or SEC1)")
  Path tlsKey;

  @Option(names = "--emulator-port", paramLabel = "PORT", defaultValue = "0",
      description = "With --demo: the emulator's loopback port (default: any free port)")
  int emulatorPort;

  @Option(names = "--policy-file", paramLabel = "FILE",
      description = "Multi-document YAML of ClusterImageSignaturePolicy objects (replaces the demo policy); reloaded when it "
          + "changes. Without it (and without --demo) policies come from the cluster (kubeconfig or in-cluster config)")
  Path policyFile;

  @Option(names = "--no-match-action", paramLabel = "allow|warn|deny", defaultValue = "allow",
      description = "What to do with images no policy matches (default: ${DEFAULT-VALUE})")
  String noMatchAction;

  @Option(names = "--excluded-namespaces", paramLabel = "NS[,NS...]", split = ",",
      description = "Namespaces never checked (default kube-system,kube-public,kube-node-lease; Signet's own "
          + "namespace from POD_NAMESPACE always stays excluded)")
  List<String> excludedNamespaces;

  @Option(names = "--mode", paramLabel = "enforce|audit", defaultValue = "enforce",
      description = "audit turns every denial into a warning (default: ${DEFAULT-VALUE})")
  String mode;

  @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "8s", converter = DurationConverter.class,
      description = "Internal deadline of one admission, below the webhook timeoutSeconds (default: ${DEFAULT-VALUE})")
  Duration deadline;

  @Option(names = "--background-audit-interval", paramLabel = "DURATION", defaultValue = "0",
      converter = DurationConverter.class, description = "Re-evaluate running Pods this often on the leader and "
          + "write PolicyReports; 0 = off (default: ${DEFAULT-VALUE})")
  Duration backgroundAuditInterval;

  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9090",
      description = "Port of GET /metrics (default: ${DEFAULT-VALUE}; -1 disables)")
  int metricsPort;

  @Option(names = "--shutdown-delay", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "After SIGTERM, keep serving this long with /readyz failing (default 5s; 0s with --demo)")
  Duration shutdownDelay;

  @Option(names = "--log-format", paramLabel = "json|text",
      description = "Log line format: json (default; one object per line on stdout) or text (on stderr; the "
          + "default with --demo)")
  String logFormat;

  @Option(names = "--pin-digests", description = "POST /mutate pins every verified image given by tag to its digest, "
      + "whatever the policies' pinDigests")
  boolean pinDigests;

  @Option(names = "--pin-workloads", description = "Also pin the pod templates of Deployments, Jobs, ... (off: "
      + "Pods only, so controllers never see their templates rewritten)")
  boolean pinWorkloads;

  @ArgGroup(exclusive = false, heading = "%nCaches:%n")
  CacheOptions cache = new CacheOptions();

  @Mixin
  OciOptions oci = new OciOptions();

  @Override
  public Integer call() throws Exception {
    // With JSON logs on stdout, the demo's how-to-try lines go to stderr so stdout stays one object per line.
    boolean jsonLogs = logFormat == null ? !demo : logFormat.equals("json");
    SignetServer server = SignetServer.start(this, demo && jsonLogs ? System.err : System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    // The JVM waits for shutdown hooks, not for the main thread: the graceful stop runs in the hook.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdownGracefully(effectiveShutdownDelay());
      stopped.countDown();
    }, "signet-shutdown"));
    stopped.await();
    return 0;
  }

  /** @return the effective shutdown delay */
  Duration effectiveShutdownDelay() {
    return shutdownDelay != null ? shutdownDelay : demo ? Duration.ZERO : Duration.ofSeconds(5);
  }

  /** @return the effective bind address */
  String effectiveBind() {
    return bind != null ? bind : demo ? "127.0.0.1" : "0.0.0.0";
  }
}
