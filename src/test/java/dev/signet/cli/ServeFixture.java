package dev.signet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import picocli.CommandLine;

/** An in-process {@code signet serve} for tests, and small HTTP helpers to talk to it. */
final class ServeFixture {
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ServeFixture() {}

  /**
   * @param args serve flags, e.g. {@code --demo --plain-http --port 0 --metrics-port 0}
   * @return the running server (close it)
   */
  static SignetServer start(String... args) {
    ServeCommand cmd = new ServeCommand();
    new CommandLine(cmd).parseArgs(args);
    return SignetServer.start(cmd, new PrintStream(OutputStream.nullOutputStream()));
  }

  /** @return the bytes of a test resource under {@code /cli/} */
  static byte[] resource(String name) throws IOException {
    try (InputStream in = ServeFixture.class.getResourceAsStream("/cli/" + name)) {
      if (in == null) {
        throw new IOException("no test resource /cli/" + name);
      }
      return in.readAllBytes();
    }
  }

  /** POSTs an AdmissionReview to {@code /validate} of a plain-HTTP server. */
  static HttpResponse<String> review(int port, byte[] body) throws IOException, InterruptedException {
    return HTTP.send(reviewRequest(port, body), HttpResponse.BodyHandlers.ofString());
  }

  static HttpRequest reviewRequest(int port, byte[] body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/validate"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  /** GETs a path (e.g. {@code /readyz}, {@code /metrics}). */
  static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
