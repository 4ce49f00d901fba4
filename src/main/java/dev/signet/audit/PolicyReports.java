package dev.signet.audit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the content of one {@code wgpolicyk8s.io/v1alpha2 PolicyReport} from audit rows. Stateless. */
final class PolicyReports {
  private PolicyReports() {}

  private record Key(String policy, String image, String digest, AuditResult result, String reason) {}

  /**
   * @param namespace the namespace of the report
   * @param rows the namespace's rows (no skip rows)
   * @param now the result timestamp
   * @return the report: {@code metadata}, {@code scope}-less, {@code summary} (pass, fail, warn, error, skip) and
   *     {@code results}, one per (policy, image, digest, result, reason) with every Pod in {@code resources}
   */
  static GenericKubernetesResource report(String namespace, List<AuditRow> rows, Instant now) {
    Map<Key, List<AuditRow>> groups = new LinkedHashMap<>();
    for (AuditRow r : rows) {
      Key k = new Key(r.policy() == null ? PolicyReportWriter.NO_MATCH_POLICY : r.policy(), r.image(), r.digest(),
          r.result(), r.reason() == null ? "" : r.reason().name());
      groups.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
    }
    Map<AuditResult, Integer> summary = new EnumMap<>(AuditResult.class);
    for (AuditResult r : AuditResult.values()) {
      summary.put(r, 0);
    }
    List<Map<String, Object>> results = new ArrayList<>();
    groups.forEach((k, group) -> {
      results.add(result(k, group, now));
      summary.merge(k.result(), 1, Integer::sum);
    });
    Map<String, Object> summaryJson = new LinkedHashMap<>();
    summary.forEach((k, v) -> summaryJson.put(k.label(), v));
    GenericKubernetesResource report = new GenericKubernetesResource();
    report.setApiVersion("wgpolicyk8s.io/v1alpha2");
    report.setKind("PolicyReport");
    report.setMetadata(new ObjectMetaBuilder().withName(PolicyReportWriter.NAME).withNamespace(namespace)
        .addToLabels(PolicyReportWriter.MANAGED_BY_LABEL, PolicyReportWriter.SOURCE).build());
    report.setAdditionalProperty("summary", summaryJson);
    report.setAdditionalProperty("results", results);
    return report;
  }

  private static Map<String, Object> result(Key k, List<AuditRow> group, Instant now) {
    AuditRow first = group.get(0);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("source", PolicyReportWriter.SOURCE);
    r.put("policy", k.policy());
    r.put("rule", "image-signature");
    r.put("result", k.result().label());
    r.put("scored", true);
    r.put("severity", k.result() == AuditResult.FAIL ? "high" : "medium");
    r.put("message", message(first));
    r.put("timestamp", Map.of("seconds", now.getEpochSecond(), "nanos", 0));
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("image", k.image());
    properties.put("digest", k.digest() == null ? "unresolved" : k.digest());
    if (!k.reason().isEmpty()) {
      properties.put("reason", k.reason());
    }
    r.put("properties", properties);
    Set<Map<String, String>> resources = new LinkedHashSet<>();
    for (AuditRow row : group) {
      Map<String, String> ref = new LinkedHashMap<>();
      ref.put("apiVersion", row.apiVersion());
      ref.put("kind", row.kind());
      ref.put("name", row.name());
      ref.put("namespace", row.namespace());
      if (!row.uid().isEmpty()) {
        ref.put("uid", row.uid());
      }
      resources.add(ref);
    }
    r.put("resources", new ArrayList<>(resources));
    return r;
  }

  /** @return {@code <image> (<digest or unresolved>): <ReasonCode>: <text>}, or {@code ...: verified} for pass */
  static String message(AuditRow row) {
    String prefix = row.image() + " (" + (row.digest() == null ? "unresolved" : row.digest()) + "): ";
    return row.reason() == null ? prefix + "verified" : prefix + row.reason() + ": " + row.message();
  }
}
