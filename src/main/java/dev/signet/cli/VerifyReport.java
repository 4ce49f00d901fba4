package dev.signet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.signet.verify.SignatureOutcome;
import dev.signet.verify.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code signet verify} prints: per policy, each signature's outcome and the verdict with its reason code;
 * and the overall exit code (0 verified by every policy, 1 any policy not verified, 2 could not decide).
 *
 * @param image the reference as given
 * @param results one verdict per policy checked
 */
record VerifyReport(String image, List<PolicyVerdict> results) {

  /**
   * @param policy the policy name ({@code command-line} for flags)
   * @param verdict its verdict
   */
  record PolicyVerdict(String policy, Verdict verdict) {}

  /** @return 0 when every policy verified, 1 when any decided "not verified", else 2 */
  int exitCode() {
    if (results.stream().anyMatch(r -> r.verdict() instanceof Verdict.NotVerified)) {
      return 1;
    }
    return results.stream().allMatch(r -> r.verdict() instanceof Verdict.Verified) ? 0 : 2;
  }

  /** @return the overall verdict word: {@code verified}, {@code not_verified} or {@code error} */
  String overall() {
    return switch (exitCode()) {
      case 0 -> "verified";
      case 1 -> "not_verified";
      default -> "error";
    };
  }

  /** @return a human-readable report */
  String text() {
    StringBuilder sb = new StringBuilder();
    sb.append("Image:   ").append(image).append('\n');
    for (PolicyVerdict r : results) {
      Verdict v = r.verdict();
      sb.append("Policy:  ").append(r.policy()).append('\n');
      sb.append("Digest:  ").append(v.digest() == null ? "unresolved" : v.digest()).append('\n');
      if (v.signatures().isEmpty()) {
        sb.append("  (no signatures)\n");
      }
      for (SignatureOutcome s : v.signatures()) {
        sb.append(String.format("  %-16s %s key %s: %s%n", s.result(), s.signatureId(), s.kmsKeyId(), s.detail()));
      }
      sb.append("Result:  ").append(v.reason() == null ? v.message() : v.reason() + ": " + v.message())
          .append('\n');
    }
    sb.append("Verdict: ").append(overall().toUpperCase().replace('_', ' ')).append('\n');
    return sb.toString();
  }

  /** @return the report as one JSON document */
  String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("image", image);
    root.put("verdict", overall());
    List<Map<String, Object>> list = new ArrayList<>();
    for (PolicyVerdict r : results) {
      Verdict v = r.verdict();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("policy", r.policy());
      m.put("digest", v.digest() == null ? null : v.digest().toString());
      m.put("verdict", word(v));
      m.put("reason", v.reason() == null ? null : v.reason().name());
      m.put("message", v.message());
      m.put("signatures", v.signatures());
      list.add(m);
    }
    root.put("policies", list);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    } catch (Exception e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static String word(Verdict v) {
    return v instanceof Verdict.Verified ? "verified" : v instanceof Verdict.Error ? "error" : "not_verified";
  }
}
