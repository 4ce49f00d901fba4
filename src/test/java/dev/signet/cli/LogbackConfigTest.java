package dev.signet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.net.URL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped logback configurations keep library noise out of what users see. */
class LogbackConfigTest {

  private static LoggerContext load(String resource) throws Exception {
    URL url = LogbackConfigTest.class.getClassLoader().getResource(resource);
    assertNotNull(url, resource);
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(url);
    return context;
  }

  @ParameterizedTest
  @ValueSource(strings = {"logback.xml", "logback-text.xml", "logback-json.xml"})
  void fabric8UnstableVersionWarningIsSilencedButItsErrorsAreNot(String resource) throws Exception {
    LoggerContext context = load(resource);
    var logger = context.getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils");
    assertFalse(logger.isWarnEnabled(), "the 'unstable version v1alpha1' WARN must not be printed");
    assertTrue(logger.isErrorEnabled());
    assertEquals(Level.WARN, context.getLogger("io.fabric8.kubernetes.client.Config").getEffectiveLevel());
    context.stop();
  }

  @ParameterizedTest
  @ValueSource(strings = {"logback.xml", "logback-text.xml", "logback-json.xml"})
  void javalinStartFailureIsLeftToTheCliMessage(String resource) throws Exception {
    LoggerContext context = load(resource);
    assertFalse(context.getLogger("io.javalin.Javalin").isErrorEnabled(),
        "'Failed to start Javalin' must not precede the clean usage message");
    assertEquals(Level.WARN, context.getLogger("io.javalin.http.SomethingElse").getEffectiveLevel());
    context.stop();
  }
}
