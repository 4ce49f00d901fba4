package dev.signet.admission;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the one INFO line per admission decision (DESIGN §10): uid, namespace, kind, name, operation, images,
 * decision, reason codes and duration, as message text and as SLF4J key-value pairs (top-level fields in JSON
 * logs). Never logs object contents.
 */
public final class DecisionLog {
  private static final Logger LOG = LoggerFactory.getLogger("dev.signet.admission.decision");

  private DecisionLog() {}

  /** @param outcome the decision to log */
  public static void log(AdmissionOutcome outcome) {
    AdmissionRequest r = outcome.request();
    long ms = outcome.duration().toMillis();
    LOG.atInfo()
        .addKeyValue("uid", r.uid())
        .addKeyValue("namespace", r.namespace())
        .addKeyValue("kind", r.kind().toString())
        .addKeyValue("name", r.name())
        .addKeyValue("operation", r.operation().name())
        .addKeyValue("dryRun", r.dryRun())
        .addKeyValue("images", outcome.images())
        .addKeyValue("decision", outcome.decision().label())
        .addKeyValue("reasons", outcome.reasons())
        .addKeyValue("durationMs", ms)
        .log("admission {} uid={} namespace={} kind={} name={} operation={} images={} reasons={} duration={}ms{}",
            outcome.decision().label(), r.uid(), r.namespace(), r.kind(), r.name(), r.operation(), outcome.images(),
            outcome.reasons(), ms, outcome.note().isEmpty() ? "" : " (" + outcome.note() + ")");
  }
}
