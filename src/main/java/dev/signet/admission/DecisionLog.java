package dev.signet.admission;

import dev.signet.verify.ReasonCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the one INFO line per admission decision (DESIGN §10) on logger {@code dev.signet.admission.decision}:
 * uid, namespace, kind, name, operation, dryRun, images (each {@code {"image": <as written>, "digest":
 * "sha256:<64 hex>" or null when unresolved}}), decision ({@code allow|deny|warn}), reason (the distinct reason
 * codes joined with {@code ","}, {@code ""} when none) and durationMs, both in the message text and as SLF4J
 * key-value pairs, which the JSON log format (logstash encoder) writes as top-level fields. Never logs object
 * contents.
 */
public final class DecisionLog {
  private static final Logger LOG = LoggerFactory.getLogger("dev.signet.admission.decision");

  private DecisionLog() {}

  /** @param outcome the decision to log */
  public static void log(AdmissionOutcome outcome) {
    AdmissionRequest r = outcome.request();
    long ms = outcome.duration().toMillis();
    String reason = outcome.reasons().stream().map(ReasonCode::name).collect(Collectors.joining(","));
    LOG.atInfo()
        .addKeyValue("uid", r.uid())
        .addKeyValue("namespace", r.namespace())
        .addKeyValue("kind", r.kind().toString())
        .addKeyValue("name", r.name())
        .addKeyValue("operation", r.operation().name())
        .addKeyValue("dryRun", r.dryRun())
        .addKeyValue("images", images(outcome))
        .addKeyValue("decision", outcome.decision().label())
        .addKeyValue("reason", reason)
        .addKeyValue("durationMs", ms)
        .log("admission {} uid={} namespace={} kind={} name={} operation={} images={} reasons={} duration={}ms{}",
            outcome.decision().label(), r.uid(), r.namespace(), r.kind(), r.name(), r.operation(), outcome.images(),
            outcome.reasons(), ms, outcome.note().isEmpty() ? "" : " (" + outcome.note() + ")");
  }

  /** @return one {@code {image, digest}} map per evaluated image, digest {@code null} when unresolved */
  static List<Map<String, String>> images(AdmissionOutcome outcome) {
    Map<String, String> digests = new LinkedHashMap<>();
    for (ImageResult result : outcome.results()) {
      digests.putIfAbsent(result.image(), result.digest());
    }
    return outcome.images().stream().map(image -> {
      Map<String, String> entry = new LinkedHashMap<>();
      entry.put("image", image);
      entry.put("digest", digests.get(image));
      return entry;
    }).toList();
  }
}
