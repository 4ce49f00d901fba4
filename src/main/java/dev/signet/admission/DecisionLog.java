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
 *
 * <p>The line stays one bounded line whatever the request holds: every logged string has its control characters
 * escaped ({@code \n} as the two characters {@code \\n}, others as {@code \\uXXXX}) and is cut to
 * {@value #MAX_VALUE_CHARS} characters with {@code …}; at most {@value #MAX_IMAGES} images are listed, and
 * {@code imagesOmitted} says how many more there were.
 */
public final class DecisionLog {
  /** The longest logged string value, in characters (longer ones end in {@code …}). */
  public static final int MAX_VALUE_CHARS = 256;
  /** The most images listed in one decision line. */
  public static final int MAX_IMAGES = 50;
  private static final Logger LOG = LoggerFactory.getLogger("dev.signet.admission.decision");

  private DecisionLog() {}

  /** @param outcome the decision to log */
  public static void log(AdmissionOutcome outcome) {
    AdmissionRequest r = outcome.request();
    long ms = outcome.duration().toMillis();
    String reason = outcome.reasons().stream().map(ReasonCode::name).collect(Collectors.joining(","));
    List<Map<String, String>> images = images(outcome);
    int omitted = outcome.images().size() - images.size();
    String uid = clean(r.uid());
    String namespace = clean(r.namespace());
    String kind = clean(r.kind().toString());
    String name = clean(r.name());
    String note = clean(outcome.note());
    List<String> shown = images.stream().map(i -> i.get("image")).toList();
    var event = LOG.atInfo()
        .addKeyValue("uid", uid)
        .addKeyValue("namespace", namespace)
        .addKeyValue("kind", kind)
        .addKeyValue("name", name)
        .addKeyValue("operation", r.operation().name())
        .addKeyValue("dryRun", r.dryRun())
        .addKeyValue("images", images);
    if (omitted > 0) {
      event = event.addKeyValue("imagesOmitted", omitted);
    }
    event.addKeyValue("decision", outcome.decision().label())
        .addKeyValue("reason", reason)
        .addKeyValue("durationMs", ms)
        .log("admission {} uid={} namespace={} kind={} name={} operation={} images={}{} reasons={} duration={}ms{}",
            outcome.decision().label(), uid, namespace, kind, name, r.operation(), shown,
            omitted > 0 ? " (+" + omitted + " more)" : "", outcome.reasons(), ms,
            note.isEmpty() ? "" : " (" + note + ")");
  }

  /**
   * @return one {@code {image, digest}} map per evaluated image (at most {@value #MAX_IMAGES}, values cleaned as
   *     by {@link #clean}), digest {@code null} when unresolved
   */
  static List<Map<String, String>> images(AdmissionOutcome outcome) {
    Map<String, String> digests = new LinkedHashMap<>();
    for (ImageResult result : outcome.results()) {
      digests.putIfAbsent(result.image(), result.digest());
    }
    return outcome.images().stream().limit(MAX_IMAGES).map(image -> {
      Map<String, String> entry = new LinkedHashMap<>();
      entry.put("image", clean(image));
      entry.put("digest", clean(digests.get(image)));
      return entry;
    }).toList();
  }

  /**
   * Makes a request-controlled string safe to log on one line.
   *
   * @param value any string, or {@code null}
   * @return {@code null} for {@code null}; else the value with control characters (and U+2028/U+2029) escaped
   *     and cut to {@value #MAX_VALUE_CHARS} characters, the last being {@code …} when cut
   */
  public static String clean(String value) {
    if (value == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_VALUE_CHARS + 8));
    for (int i = 0; i < value.length() && out.length() <= MAX_VALUE_CHARS; i++) {
      char c = value.charAt(i);
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (out.length() <= MAX_VALUE_CHARS) {
      return out.toString();
    }
    int cut = MAX_VALUE_CHARS - 1;
    if (Character.isHighSurrogate(out.charAt(cut - 1))) {
      cut--;
    }
    return out.substring(0, cut) + "…";
  }
}
