package dev.signet.audit;

import dev.signet.admission.PolicyEvaluator;
import dev.signet.policy.PolicySource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit side of {@code serve}, started once a Kubernetes client exists: attaches the client to the admission
 * {@link AuditEventRecorder} and, when {@code --background-audit-interval} is positive, runs a
 * {@link BackgroundAudit} that writes PolicyReports while {@code isLeader} is true.
 */
public final class ServeAuditing {
  private static final Logger LOG = LoggerFactory.getLogger(ServeAuditing.class);

  private final PolicySource policies;
  private final PolicyEvaluator.VerdictFunction verification;
  private final AuditSettings settings;
  private final Executor executor;
  private final MeterRegistry registry;
  private final Duration interval;
  private final AuditEventRecorder events;

  /**
   * @param policies the server's policy source
   * @param verification the server's cached verification (shared caches)
   * @param settings excluded namespaces, noMatchAction and per-object timeout (the server's)
   * @param executor runs (image, policy) evaluations
   * @param registry where evaluation counters go
   * @param interval {@code --background-audit-interval}; zero turns background audit off
   * @param events the admission event recorder, or {@code null} for none
   */
  public ServeAuditing(PolicySource policies, PolicyEvaluator.VerdictFunction verification, AuditSettings settings,
      Executor executor, MeterRegistry registry, Duration interval, AuditEventRecorder events) {
    this.policies = policies;
    this.verification = verification;
    this.settings = settings;
    this.executor = executor;
    this.registry = registry;
    this.interval = interval;
    this.events = events;
  }

  /**
   * @param client the server's Kubernetes client
   * @param isLeader true while this replica is the leader (only the leader writes PolicyReports)
   * @return what to close on shutdown (stops the background audit; a no-op when it is off)
   */
  public AutoCloseable start(KubernetesClient client, BooleanSupplier isLeader) {
    if (events != null) {
      events.attach(client);
    }
    if (interval.isZero() || interval.isNegative()) {
      return () -> {};
    }
    ClusterAuditor auditor = new ClusterAuditor(client, policies, verification, settings, executor, registry);
    BackgroundAudit audit = new BackgroundAudit(auditor, new PolicyReportWriter(client, Clock.systemUTC()),
        interval, isLeader).start();
    LOG.info("background audit every {} on the leader (PolicyReports named {})", interval, PolicyReportWriter.NAME);
    return audit;
  }
}
