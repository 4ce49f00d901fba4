package dev.signet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Command-line behaviour that needs no server: usage errors exit 64, durations, environment defaults. */
class MainTest {

  private static int run(StringWriter err, String... args) {
    return Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "bogus-command", "serve --port notanumber", "serve --deadline 8x",
      "serve --no-match-action maybe --demo --plain-http", "serve --mode strict --demo --plain-http",
      "serve --demo --tls-cert /nonexistent.pem", "serve --demo --tls-cert /nonexistent.pem --tls-key /nonexistent.key",
      "serve --demo --plain-http --policy-file /nonexistent.yaml", "serve --demo --plain-http --log-format xml",
      "emulator --seed /nonexistent-seed.yaml", "emulator --port 70000", "verify",
      "serve --demo --plain-http --port 70000", "serve --demo --plain-http --metrics-port -5",
      "serve --demo --plain-http --bind nosuchhost.invalid", "serve --demo --plain-http --oci-auth bogus",
      "serve --demo --plain-http --region bogus-region", "serve --demo --plain-http --artifacts-endpoint ftp:x",
      "serve --demo --plain-http --tls-cert a.pem --tls-key a.key",
      "sign --image phx.ocir.io/ns/repo:v1 --compartment-id notanocid --kms-key-id ocid1.key.oc1.phx.aaaa.bbbb"
          + " --kms-key-version-id ocid1.keyversion.oc1.phx.0.aaaa.cccc --signing-algorithm SHA_256_RSA_PKCS_PSS"})
  void badUsageExitsSixtyFourWithAMessage(String line) {
    StringWriter err = new StringWriter();
    String[] args = line.isEmpty() ? new String[0] : line.split(" ");
    assertEquals(Main.EXIT_USAGE, run(err, args), line + " → " + err);
    assertTrue(err.toString().startsWith("signet: "), err.toString());
  }

  @Test
  void aPortInUseIsAClearUsageError() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      StringWriter err = new StringWriter();
      int exit = run(err, "serve", "--demo", "--plain-http", "--metrics-port", "-1", "--port",
          String.valueOf(taken.getLocalPort()));
      assertEquals(Main.EXIT_USAGE, exit, err.toString());
      assertTrue(err.toString().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort() + " for --port"),
          err.toString());
    }
  }

  @Test
  void emulatorSeedNamesItsCompartmentOcids() {
    assertEquals(dev.signet.emulator.DemoSeed.COMPARTMENT_ID,
        dev.signet.emulator.EmulatorSeed.demo().compartmentIds().values().iterator().next());
  }

  @Test
  void durationsReadLikeKubernetesFlags() {
    assertEquals(Duration.ofMillis(250), DurationConverter.parse("250ms"));
    assertEquals(Duration.ofSeconds(8), DurationConverter.parse("8s"));
    assertEquals(Duration.ofMinutes(5), DurationConverter.parse("5m"));
    assertEquals(Duration.ofHours(1), DurationConverter.parse("1h"));
    assertEquals(Duration.ZERO, DurationConverter.parse("0"));
    assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("8"));
    assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("-1s"));
  }

  @Test
  void everyFlagCanComeFromTheEnvironment() {
    assertEquals("SIGNET_METRICS_PORT", EnvDefaultProvider.variableName("--metrics-port"));
    CommandLine cl = new CommandLine(new Main());
    cl.setDefaultValueProvider(new EnvDefaultProvider(Map.of("SIGNET_METRICS_PORT", "9191",
        "SIGNET_NO_MATCH_ACTION", "deny")));
    CommandLine.ParseResult parsed = cl.parseArgs("serve", "--demo");
    ServeCommand serve = parsed.subcommand().commandSpec().commandLine().getCommand();
    assertEquals(9191, serve.metricsPort);
    assertEquals("deny", serve.noMatchAction);
    CommandLine.ParseResult flagWins = cl.parseArgs("serve", "--metrics-port", "1234");
    assertEquals(1234, ((ServeCommand) flagWins.subcommand().commandSpec().commandLine().getCommand()).metricsPort);
  }
}
