package dev.signet.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The decision line stays one bounded line whatever the request carries. */
class DecisionLogTest {
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

  private static AdmissionOutcome outcome(String uid, List<String> images) throws MalformedReviewException {
    ObjectNode review = Reviews.podReview(uid, "CREATE", "team-a", Reviews.pod(Reviews.podSpec("a:1")), null);
    AdmissionRequest request = new AdmissionRequestParser().parse(Reviews.bytes(review));
    return new AdmissionOutcome(request, AdmissionResponses.allow(request), Decision.ALLOW, images, List.of(),
        List.of(), "", Duration.ofMillis(3));
  }

  private String renderedText() {
    PatternLayout layout = new PatternLayout();
    layout.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    layout.setPattern("%msg%n"); // the message part of logback-text.xml
    layout.start();
    assertEquals(1, captured.list.size());
    return layout.doLayout(captured.list.get(0));
  }

  @Test
  void hugeUidIsCutSoTheLineStaysBounded() throws Exception {
    DecisionLog.log(outcome("u".repeat(100_000), List.of("a:1")));
    String line = renderedText();
    assertTrue(line.length() < 2_000, "line of " + line.length() + " characters");
    assertTrue(line.contains("uid=" + "u".repeat(255) + "… "), line);
    Object uid = captured.list.get(0).getKeyValuePairs().stream().filter(kv -> kv.key.equals("uid")).findFirst()
        .orElseThrow().value;
    assertEquals(DecisionLog.MAX_VALUE_CHARS, ((String) uid).length());
  }

  @Test
  void controlCharactersInImagesDoNotSplitTheTextLine() throws Exception {
    DecisionLog.log(outcome("u-1", List.of("evil:1\nINFO forged line\r\u0007")));
    String line = renderedText();
    assertEquals(1, line.strip().lines().count(), line);
    assertTrue(line.contains("evil:1\\nINFO forged line\\r\\u0007"), line);
  }

  @Test
  void listsAtMostFiftyImagesAndSaysHowManyMore() throws Exception {
    List<String> images = new ArrayList<>(IntStream.range(0, 70).mapToObj(i -> "img" + i + ":1").toList());
    DecisionLog.log(outcome("u-1", images));
    ILoggingEvent event = captured.list.get(0);
    Map<String, Object> kv = new HashMap<>();
    event.getKeyValuePairs().forEach(p -> kv.put(p.key, p.value));
    assertEquals(DecisionLog.MAX_IMAGES, ((List<?>) kv.get("images")).size());
    assertEquals(20, kv.get("imagesOmitted"));
    assertTrue(renderedText().contains("img49:1] (+20 more)"));
  }
}
