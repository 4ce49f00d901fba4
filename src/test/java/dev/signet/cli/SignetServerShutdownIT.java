package dev.signet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.emulator.EmulatorFault;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGTERM behaviour of {@code serve}: readiness drops first, the server keeps serving, in-flight reviews finish. */
class SignetServerShutdownIT {

  @Test
  void failsReadinessAtOnceKeepsServingThenFinishesInFlightReviewBeforeStopping() throws Exception {
    SignetServer server = ServeFixture.start("--demo", "--plain-http", "--port", "0", "--metrics-port", "-1");
    int port = server.webhookPort();
    assertEquals(200, ServeFixture.get(port, "/readyz").statusCode());
    // Warm the OCI clients so the slow review below is slow only because of the injected latency.
    assertEquals(200, ServeFixture.review(port, ServeFixture.resource("pod-v7.0-two-keys.json")).statusCode());
    // One slow tag lookup: the v1.0 review stays in flight for 2.5 s, longer than the shutdown delay.
    server.emulator().addFault(new EmulatorFault("ListContainerImages", 0, 2500, 1));
    CompletableFuture<HttpResponse<String>> slow = ServeFixture.HTTP.sendAsync(
        ServeFixture.reviewRequest(port, ServeFixture.resource("pod-v1.0.json")), HttpResponse.BodyHandlers.ofString());
    awaitCall(server, "ListContainerImages");

    CompletableFuture<Void> shutdown = CompletableFuture.runAsync(
        () -> server.shutdownGracefully(Duration.ofMillis(1000)));
    awaitStatus(port, "/readyz", 503);
    // Still serving while endpoints drop the pod: liveness and new reviews are answered.
    assertEquals(200, ServeFixture.get(port, "/healthz").statusCode());
    HttpResponse<String> during = ServeFixture.review(port, ServeFixture.resource("pod-v3.0-untrusted.json"));
    assertEquals(200, during.statusCode());
    assertTrue(during.body().contains("\"allowed\":false"), during.body());
    // Keep-alive connections would pin the API server to this pod: the answer asks it to reconnect elsewhere.
    assertEquals("close", during.headers().firstValue("Connection").orElse(""), during.headers().toString());

    // The in-flight review outlives the shutdown delay and still gets its answer.
    HttpResponse<String> answer = slow.get(30, TimeUnit.SECONDS);
    assertEquals(200, answer.statusCode());
    assertTrue(answer.body().contains("\"allowed\":true"), answer.body());
    shutdown.get(30, TimeUnit.SECONDS);
    assertThrows(ConnectException.class, () -> ServeFixture.get(port, "/healthz"));
  }

  @Test
  void shutdownWithoutTrafficStopsListening() throws Exception {
    SignetServer server = ServeFixture.start("--demo", "--plain-http", "--port", "0", "--metrics-port", "-1");
    int port = server.webhookPort();
    server.shutdownGracefully(Duration.ZERO);
    assertThrows(ConnectException.class, () -> ServeFixture.get(port, "/readyz"));
  }

  private static void awaitCall(SignetServer server, String operation) throws InterruptedException {
    for (int i = 0; i < 200 && server.emulator().stats().getOrDefault(operation, 0L) == 0; i++) {
      Thread.sleep(25);
    }
    assertTrue(server.emulator().stats().getOrDefault(operation, 0L) > 0, operation + " never called");
  }

  private static void awaitStatus(int port, String path, int status) throws Exception {
    int last = -1;
    for (int i = 0; i < 100 && last != status; i++) {
      last = ServeFixture.get(port, path).statusCode();
      if (last != status) {
        Thread.sleep(10);
      }
    }
    assertEquals(status, last, path);
  }
}
