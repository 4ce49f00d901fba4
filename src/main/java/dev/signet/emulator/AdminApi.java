package dev.signet.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.Set;

/**
 * The emulator's own control paths (no request signature needed): {@code GET /_emulator/stats},
 * {@code POST /_emulator/stats/reset}, {@code POST /_emulator/faults} (body {@link EmulatorFault}),
 * {@code DELETE /_emulator/faults}. Bad bodies are 400 {@code InvalidParameter}.
 */
final class AdminApi {
  static final String STATS = "/_emulator/stats";
  static final String STATS_RESET = "/_emulator/stats/reset";
  static final String FAULTS = "/_emulator/faults";
  private static final Set<String> FAULT_FIELDS = Set.of("operation", "status", "latencyMs", "count");

  private final OperationStats stats;
  private final FaultInjector faults;

  AdminApi(OperationStats stats, FaultInjector faults) {
    this.stats = stats;
    this.faults = faults;
  }

  void stats(Context ctx) {
    OciJson.respond(ctx, OciJson.MAPPER.valueToTree(stats.snapshot()));
  }

  void resetStats(Context ctx) {
    stats.reset();
    ctx.status(204);
  }

  void addFault(Context ctx) {
    EmulatorFault fault = parseFault(OciJson.parseObject(ctx.bodyAsBytes()));
    faults.add(fault);
    OciJson.respond(ctx, OciJson.MAPPER.valueToTree(fault));
  }

  void clearFaults(Context ctx) {
    faults.clear();
    ctx.status(204);
  }

  /**
   * @param body {@code {"operation": ..., "status": ..., "latencyMs": ..., "count": ...}}; status and
   *     latencyMs default to 0, count to -1; at least one of status and latencyMs must be set
   * @throws OciError 400 when a field is missing, unknown, of the wrong type or out of range
   */
  static EmulatorFault parseFault(ObjectNode body) {
    for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
      String f = it.next();
      if (!FAULT_FIELDS.contains(f)) {
        throw OciError.invalidParameter("unknown fault field '" + f + "'; fields are " + FAULT_FIELDS);
      }
    }
    String operation = OciJson.requiredText(body, "operation");
    int status = (int) number(body, "status", 0);
    long latency = number(body, "latencyMs", 0);
    int count = (int) number(body, "count", -1);
    if (status == 0 && latency == 0) {
      throw OciError.invalidParameter("a fault needs a status (400-599) or a latencyMs");
    }
    try {
      return new EmulatorFault(operation, status, latency, count);
    } catch (IllegalArgumentException e) {
      throw OciError.invalidParameter(e.getMessage());
    }
  }

  private static long number(ObjectNode body, String field, long dflt) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw OciError.invalidParameter(field + " must be an integer");
    }
    return n.asLong();
  }
}
