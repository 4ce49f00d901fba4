package dev.signet.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.verify.ReasonCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditReportTest {
  private static AuditRow row(String name, AuditResult result, ReasonCode reason) {
    return new AuditRow("ns", "Pod", "v1", name, "uid-" + name, "app", "reg/app:1",
        result == AuditResult.SKIP ? null : "sha256:" + "a".repeat(64), result == AuditResult.SKIP ? null : "p",
        result, reason, "text");
  }

  @Test
  void errorWinsOverViolationsWhichCountOnlyOnRequest() {
    AuditReport violation = new AuditReport(List.of(row("a", AuditResult.PASS, null),
        row("b", AuditResult.FAIL, ReasonCode.NoSignature)), 2);
    assertEquals(0, violation.exitCode(false));
    assertEquals(3, violation.exitCode(true));
    AuditReport error = new AuditReport(List.of(row("b", AuditResult.FAIL, ReasonCode.NoSignature),
        row("c", AuditResult.ERROR, ReasonCode.BackendError)), 2);
    assertEquals(2, error.exitCode(false));
    assertEquals(2, error.exitCode(true));
    AuditReport warnings = new AuditReport(List.of(row("d", AuditResult.WARN, ReasonCode.UntrustedKey),
        row("e", AuditResult.SKIP, null)), 2);
    assertEquals(0, warnings.exitCode(true));
  }

  @Test
  void tableAlignsColumnsAndShowsDashesForEmptyCells() {
    String table = new AuditReport(List.of(row("a-long-name", AuditResult.PASS, null),
        row("b", AuditResult.SKIP, null)), 2).table();
    List<String> lines = table.lines().toList();
    int result = lines.get(0).indexOf("RESULT");
    assertEquals(result, lines.get(1).indexOf("pass"));
    assertEquals(result, lines.get(2).indexOf("skip"));
    assertTrue(lines.get(2).matches("ns +Pod/b +app +reg/app:1 +- +- +skip +-"), lines.get(2));
    assertEquals("2 objects: 1 pass, 0 fail, 0 warn, 0 error, 1 skip", lines.get(4));
  }

  @Test
  void jsonHasSummaryAndNullsForAbsentValues() throws Exception {
    JsonNode json = new ObjectMapper().readTree(new AuditReport(List.of(row("b", AuditResult.SKIP, null)), 1).json());
    assertEquals(1, json.get("summary").get("skip").asInt());
    assertEquals(0, json.get("summary").get("fail").asInt());
    assertTrue(json.get("results").get(0).get("policy").isNull());
    assertTrue(json.get("results").get(0).get("digest").isNull());
    assertEquals("uid-b", json.get("results").get(0).get("uid").asText());
  }
}
