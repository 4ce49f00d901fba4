package dev.signet.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one audit run and how {@code signet audit} prints it: an aligned table or JSON, and the exit
 * code of DESIGN §8.
 *
 * @param rows every (container image, policy) row
 * @param objects how many objects were evaluated
 */
public record AuditReport(List<AuditRow> rows, int objects) {
  /** Exit code: nothing to report, or violations without {@code --fail-on-violation}. */
  public static final int EXIT_OK = 0;
  /** Exit code: at least one row could not be evaluated. */
  public static final int EXIT_ERROR = 2;
  /** Exit code: an Enforce policy (or {@code noMatchAction: deny}) would deny something. */
  public static final int EXIT_VIOLATION = 3;

  private static final String[] HEADERS = {"NAMESPACE", "OBJECT", "CONTAINER", "IMAGE", "DIGEST", "POLICY",
      "RESULT", "REASON"};
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Copies the list. */
  public AuditReport {
    rows = List.copyOf(rows);
  }

  /** @return the number of rows per result, every result present (0 when none) */
  public Map<AuditResult, Integer> summary() {
    Map<AuditResult, Integer> counts = new EnumMap<>(AuditResult.class);
    for (AuditResult r : AuditResult.values()) {
      counts.put(r, 0);
    }
    rows.forEach(r -> counts.merge(r.result(), 1, Integer::sum));
    return counts;
  }

  /**
   * @param failOnViolation whether {@code --fail-on-violation} was given
   * @return 2 if any row is an error, else 3 if any row is a violation and {@code failOnViolation}, else 0
   */
  public int exitCode(boolean failOnViolation) {
    Map<AuditResult, Integer> s = summary();
    if (s.get(AuditResult.ERROR) > 0) {
      return EXIT_ERROR;
    }
    return failOnViolation && s.get(AuditResult.FAIL) > 0 ? EXIT_VIOLATION : EXIT_OK;
  }

  /**
   * @return an aligned table with a header line (NAMESPACE OBJECT CONTAINER IMAGE DIGEST POLICY RESULT REASON),
   *     {@code -} for empty cells, and a closing summary line
   */
  public String table() {
    String[][] cells = new String[rows.size() + 1][];
    cells[0] = HEADERS;
    for (int i = 0; i < rows.size(); i++) {
      AuditRow r = rows.get(i);
      cells[i + 1] = new String[] {r.namespace(), r.object(), r.container(), r.image(), dash(r.digest()),
          dash(r.policy()), r.result().label(), r.reason() == null ? "-" : r.reason().name()};
    }
    int[] widths = new int[HEADERS.length];
    for (String[] line : cells) {
      for (int c = 0; c < line.length; c++) {
        widths[c] = Math.max(widths[c], line[c].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] line : cells) {
      for (int c = 0; c < line.length; c++) {
        sb.append(c == line.length - 1 ? line[c] : pad(line[c], widths[c] + 2));
      }
      sb.append('\n');
    }
    sb.append('\n').append(summaryLine()).append('\n');
    return sb.toString();
  }

  /** @return e.g. {@code 12 objects: 10 pass, 1 fail, 0 warn, 1 error, 0 skip} */
  public String summaryLine() {
    StringBuilder sb = new StringBuilder().append(objects).append(objects == 1 ? " object: " : " objects: ");
    Map<AuditResult, Integer> s = summary();
    for (AuditResult r : AuditResult.values()) {
      sb.append(s.get(r)).append(' ').append(r.label()).append(r == AuditResult.SKIP ? "" : ", ");
    }
    return sb.toString();
  }

  /**
   * @return pretty JSON: {@code {"objects": n, "summary": {"pass": n, ...}, "results": [{"namespace", "kind",
   *     "apiVersion", "name", "uid", "container", "image", "digest", "policy", "result", "reason", "message"}]}};
   *     absent values are JSON {@code null}
   */
  public String json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("objects", objects);
    ObjectNode summary = root.putObject("summary");
    summary().forEach((k, v) -> summary.put(k.label(), v));
    ArrayNode results = root.putArray("results");
    for (AuditRow r : rows) {
      ObjectNode o = results.addObject();
      o.put("namespace", r.namespace()).put("kind", r.kind()).put("apiVersion", r.apiVersion())
          .put("name", r.name()).put("uid", r.uid()).put("container", r.container()).put("image", r.image())
          .put("digest", r.digest()).put("policy", r.policy()).put("result", r.result().label())
          .put("reason", r.reason() == null ? null : r.reason().name()).put("message", r.message());
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write audit JSON", e);
    }
  }

  private static String dash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
