package dev.signet.admission;

import static dev.signet.admission.Reviews.JSON;
import static dev.signet.admission.Reviews.podSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Slow senders ("Slowloris") against the real admission server on loopback: bodies that never arrive must not
 * starve health checks or other reviews, and a body trickled byte by byte is cut off at the read timeout.
 */
class SlowClientIT {
  private static final int SLOW_SOCKETS = 300;
  private static final byte[] SLOW_HEAD = ("POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      + "Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII);
  private static final ImageEvaluator ALLOW_ALL = (ns, images, deadline) -> images.stream()
      .map(i -> new ImageResult(i, null, List.of(), List.of(), true)).toList();

  private static AdmissionServer server(AdmissionHandler handler, Duration readTimeout) {
    return new AdmissionServer(new AdmissionServer.Options("127.0.0.1", 0, null), Map.of("/validate", handler),
        () -> true).readTimeout(readTimeout).start();
  }

  private static AdmissionHandler handler() {
    return new AdmissionHandler(ALLOW_ALL, new AdmissionSettings(AdmissionSettings.excludedNamespaces(null, "signet"),
        ServerMode.ENFORCE, Duration.ofSeconds(2)));
  }

  private static Socket slowSender(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
    OutputStream out = s.getOutputStream();
    out.write(SLOW_HEAD);
    out.flush();
    return s;
  }

  @Test
  void bodiesThatNeverArriveDoNotStarveHealthChecksOrReviews() throws Exception {
    try (AdmissionHandler handler = handler();
        AdmissionServer server = server(handler, Duration.ofSeconds(60))) {
      checkWhileBodiesAreMissing(server);
    }
  }

  private static void checkWhileBodiesAreMissing(AdmissionServer server) throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < SLOW_SOCKETS; i++) {
        slow.add(slowSender(server.port()));
      }
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      URI base = URI.create("http://127.0.0.1:" + server.port());
      for (String path : List.of("/healthz", "/readyz")) {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(10)).GET().build(), BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), path + ": " + health.body());
      }
      byte[] review = Reviews.bytes(Reviews.podReview("u-fast", "CREATE", "team-a",
          Reviews.pod(podSpec("reg.example/a:1")), null));
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/validate"))
          .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(review)).build(), BodyHandlers.ofString());
      assertEquals(200, answer.statusCode(), answer.body());
      assertTrue(JSON.readTree(answer.body()).path("response").path("allowed").booleanValue(), answer.body());
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void tricklingBodyGets408AndIsClosedAtTheReadTimeout() throws Exception {
    try (AdmissionHandler handler = handler();
        AdmissionServer server = server(handler, Duration.ofSeconds(1));
        Socket s = slowSender(server.port())) {
      Thread trickle = new Thread(() -> {
        try {
          for (int i = 0; i < 100; i++) { // one byte every 100 ms keeps the connection from ever being idle
            Thread.sleep(100);
            s.getOutputStream().write(' ');
            s.getOutputStream().flush();
          }
        } catch (IOException | InterruptedException e) {
          // the server closed the connection (expected), or the test ended
        }
      }, "trickle");
      trickle.setDaemon(true);
      trickle.start();
      s.setSoTimeout(8_000);
      String response;
      try {
        response = readToEnd(s.getInputStream());
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the trickling connection was still open 8 s after a 1 s read timeout");
      } finally {
        trickle.interrupt();
      }
      assertTrue(response.startsWith("HTTP/1.1 408 "), response);
      assertTrue(response.contains("{\"error\":\"request body not received within 1s\"}"), response);
    }
  }

  /** @return everything the server sent until it closed the connection (a reset counts as closed) */
  private static String readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        all.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (IOException e) {
      // connection reset after the response: closed all the same
    }
    return all.toString(StandardCharsets.UTF_8);
  }
}
