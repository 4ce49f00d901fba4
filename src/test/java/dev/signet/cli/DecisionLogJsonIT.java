package dev.signet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The decision log line as the production JSON format renders it: events of a real {@code serve --demo} admission,
 * encoded by the encoder that {@code logback-json.xml} configures, parse as one JSON object each with the
 * decision's fields at top level.
 */
class DecisionLogJsonIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Logger decisionLogger;

  @BeforeEach
  void capture() {
    decisionLogger = (Logger) LoggerFactory.getLogger("dev.signet.admission.decision");
    captured.start();
    decisionLogger.addAppender(captured);
  }

  @AfterEach
  void release() {
    decisionLogger.detachAppender(captured);
  }

  @Test
  void denialLineIsOneJsonObjectWithTopLevelDecisionFields() throws Exception {
    JsonNode line = admitAndRender("pod-v2.0-unsigned.json");
    assertEquals("INFO", line.path("level").asText());
    assertEquals("83ff10b7-23eb-3ba3-28ce-770dd4e15cc6", line.path("uid").asText());
    assertEquals("team-a", line.path("namespace").asText());
    assertEquals("Pod", line.path("kind").asText());
    assertEquals("web-v20", line.path("name").asText());
    assertEquals("deny", line.path("decision").asText());
    assertEquals("NoSignature", line.path("reason").asText());
    assertTrue(line.path("durationMs").isIntegralNumber(), line.toString());
    JsonNode image = line.path("images").path(0);
    assertEquals("phx.ocir.io/demotenancy/project01/acme-web-app:v2.0-unsigned", image.path("image").asText());
    assertTrue(image.path("digest").asText().matches("sha256:[0-9a-f]{64}"), line.toString());
  }

  @Test
  void allowLineHasAnEmptyReason() throws Exception {
    JsonNode line = admitAndRender("pod-v1.0.json");
    assertEquals("allow", line.path("decision").asText());
    assertEquals("", line.path("reason").asText());
    assertTrue(line.path("images").path(0).path("digest").asText().startsWith("sha256:"), line.toString());
  }

  private JsonNode admitAndRender(String review) throws Exception {
    try (SignetServer server = ServeFixture.start("--demo", "--plain-http", "--port", "0", "--metrics-port", "-1")) {
      assertEquals(200, ServeFixture.review(server.webhookPort(), ServeFixture.resource(review)).statusCode());
    }
    List<ILoggingEvent> events = captured.list;
    assertEquals(1, events.size(), "one decision line per admission");
    String rendered = new String(jsonEncoder().encode(events.get(0)), StandardCharsets.UTF_8);
    assertEquals(1, rendered.strip().lines().count(), "one line: " + rendered);
    return JSON.readTree(rendered);
  }

  /** @return the encoder of the appender that {@code logback-json.xml} declares, started in its own context */
  @SuppressWarnings("unchecked")
  private static Encoder<ILoggingEvent> jsonEncoder() throws Exception {
    URL config = DecisionLogJsonIT.class.getResource("/logback-json.xml");
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(config);
    ConsoleAppender<ILoggingEvent> appender = (ConsoleAppender<ILoggingEvent>) context
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
    return appender.getEncoder();
  }
}
