package dev.signet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Test helper: a real {@code serve --demo --plain-http} started in process, and an HTTP client for it. */
final class DemoServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  final SignetServer server;
  final String printed;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private DemoServer(SignetServer server, String printed) {
    this.server = server;
    this.printed = printed;
  }

  /**
   * @param extraArgs flags added after {@code serve --demo --plain-http --port 0 --metrics-port -1}
   * @return the started server
   */
  static DemoServer start(String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("serve", "--demo", "--plain-http", "--port", "0", "--metrics-port",
        "-1"));
    args.addAll(List.of(extraArgs));
    CommandLine cl = Main.commandLine();
    CommandLine.ParseResult parsed = cl.parseArgs(args.toArray(String[]::new));
    ServeCommand cmd = parsed.subcommand().commandSpec().commandLine().getCommand();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SignetServer s = SignetServer.start(cmd, new PrintStream(out, true, StandardCharsets.UTF_8));
    return new DemoServer(s, out.toString(StandardCharsets.UTF_8));
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.webhookPort() + path;
  }

  /** Posts a body to a path; returns status and parsed JSON body. */
  Response post(String path, byte[] body) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(path)))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
  }

  /** @return the emulator's per-operation call counts */
  Map<String, Long> stats() {
    return server.emulator().stats();
  }

  record Response(int status, JsonNode body) {}

  @Override
  public void close() {
    server.close();
  }
}
