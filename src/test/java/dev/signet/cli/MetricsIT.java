package dev.signet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scrapes {@code /metrics} of an in-process {@code serve --demo} after a known series of admissions. */
class MetricsIT {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");

  @TempDir
  static Path dir;
  static SignetServer server;
  static Map<String, Double> samples;

  @BeforeAll
  static void admitAndScrape() throws Exception {
    Path policies = Path.of("examples", "policies", "demo-signed.yaml");
    server = ServeFixture.start("--demo", "--plain-http", "--port", "0", "--metrics-port", "0",
        "--policy-file", policies.toString());
    int port = server.webhookPort();
    for (String review : new String[] {"pod-v1.0.json", "pod-v2.0-unsigned.json", "pod-v3.0-untrusted.json",
        "pod-v1.0.json", "deployment-v1.0.json"}) {
      assertEquals(200, ServeFixture.review(port, ServeFixture.resource(review)).statusCode(), review);
    }
    HttpResponse<String> scrape = ServeFixture.get(server.metrics().port(), "/metrics");
    assertEquals(200, scrape.statusCode());
    assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    samples = parse(scrape.body());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void countsAdmissionsByKindOperationDecisionAndMode() {
    assertEquals(2.0, sample("signet_admission_requests_total",
        "decision=\"allow\",kind=\"Pod\",mode=\"enforce\",operation=\"CREATE\""));
    assertEquals(2.0, sample("signet_admission_requests_total",
        "decision=\"deny\",kind=\"Pod\",mode=\"enforce\",operation=\"CREATE\""));
    assertEquals(1.0, sample("signet_admission_requests_total",
        "decision=\"allow\",kind=\"Deployment\",mode=\"enforce\",operation=\"CREATE\""));
    assertEquals(5.0, sample("signet_admission_duration_seconds_count", ""));
  }

  @Test
  void countsVerificationsByResultAndReason() {
    assertEquals(3.0, sample("signet_verifications_total", "reason=\"none\",result=\"verified\""));
    assertEquals(1.0, sample("signet_verifications_total", "reason=\"NoSignature\",result=\"not_verified\""));
    assertEquals(1.0, sample("signet_verifications_total", "reason=\"UntrustedKey\",result=\"not_verified\""));
  }

  @Test
  void ociRequestCountsMatchWhatTheEmulatorReceived() {
    Map<String, Long> received = server.emulator().stats();
    assertTrue(received.containsKey("ListContainerImageSignatures") && received.containsKey("Verify"), received::toString);
    received.forEach((operation, count) -> {
      assertEquals(count.doubleValue(), sample("signet_oci_requests_total",
          "operation=\"" + operation + "\",outcome=\"ok\""), operation);
      assertEquals(count.doubleValue(), sample("signet_oci_request_duration_seconds_count",
          "operation=\"" + operation + "\""), operation);
    });
  }

  @Test
  void cacheStatisticsShowTheRepeatedImageServedFromCache() {
    // v1.0 twice and once in the Deployment: two hits of three lookups for its verdict; three misses in total.
    assertEquals(2.0, sample("cache_gets_total", "cache=\"signet_verdicts\",result=\"hit\""));
    assertEquals(3.0, sample("cache_gets_total", "cache=\"signet_verdicts\",result=\"miss\""));
    assertTrue(samples.containsKey("cache_gets_total{cache=\"signet_digests\",result=\"hit\"}"), "digest cache bound");
  }

  @Test
  void reportsPoliciesByReadiness() {
    assertEquals(1.0, sample("signet_policies", "ready=\"true\""));
    assertEquals(0.0, sample("signet_policies", "ready=\"false\""));
  }

  @Test
  void exportsJvmMetrics() {
    assertTrue(sample("jvm_memory_used_bytes", "area=\"heap\",id=\"" + firstHeapPool() + "\"") >= 0);
    assertTrue(sample("jvm_threads_live_threads", "") > 0);
    assertTrue(sample("process_uptime_seconds", "") > 0);
  }

  private static String firstHeapPool() {
    return samples.keySet().stream().filter(k -> k.startsWith("jvm_memory_used_bytes{area=\"heap\""))
        .map(k -> k.replaceAll(".*id=\"([^\"]*)\".*", "$1")).findFirst().orElseThrow();
  }

  private static double sample(String name, String labels) {
    String key = labels.isEmpty() ? name : name + "{" + labels + "}";
    Double v = samples.get(key);
    if (v == null) {
      throw new AssertionError("no sample " + key + "; have: " + samples.keySet().stream()
          .filter(k -> k.startsWith(name)).toList());
    }
    return v;
  }

  /** Parses the text format into {@code name{labels in scrape order}} → value, dropping comments. */
  private static Map<String, Double> parse(String text) {
    Map<String, Double> out = new HashMap<>();
    for (String line : text.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (!line.startsWith("#") && m.matches()) {
        out.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
      }
    }
    return out;
  }
}
