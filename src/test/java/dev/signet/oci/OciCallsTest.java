package dev.signet.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.bmc.ServiceDetails;
import com.oracle.bmc.model.BmcException;
import dev.signet.verify.BackendException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class OciCallsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final OciCalls calls = new OciCalls(registry);

  private static BmcException http(int status, String code) {
    return new BmcException(status, code, "the message", "req-1");
  }

  private double count(String operation, String outcome) {
    var c = registry.find(OciCalls.REQUESTS).tag("operation", operation).tag("outcome", outcome).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void recordsSuccessfulCallWithDuration() {
    assertEquals("answer", calls.run("Verify", () -> "answer"));
    assertEquals(1, count("Verify", "ok"));
    assertEquals(1, registry.find(OciCalls.DURATION).tag("operation", "Verify").timer().count());
  }

  @Test
  void classifiesFailuresByOutcomeAndRethrowsThem() {
    BmcException throttled = http(429, "TooManyRequests");
    assertSame(throttled, assertThrows(BmcException.class, () -> calls.run("ListContainerImages", () -> {
      throw throttled;
    })));
    assertThrows(BmcException.class, () -> calls.run("ListContainerImages", () -> {
      throw http(503, "ServiceUnavailable");
    }));
    assertThrows(BmcException.class, () -> calls.run("ListContainerImages", () -> {
      throw http(404, "NotAuthorizedOrNotFound");
    }));
    assertThrows(BmcException.class, () -> calls.run("ListContainerImages", () -> {
      throw new BmcException(true, "read timed out", new SocketTimeoutException("Read timed out"), null);
    }));
    assertEquals(1, count("ListContainerImages", "throttled"));
    assertEquals(1, count("ListContainerImages", "server_error"));
    assertEquals(1, count("ListContainerImages", "client_error"));
    assertEquals(1, count("ListContainerImages", "timeout"));
    assertEquals(0, count("ListContainerImages", "ok"));
    assertEquals(4, registry.find(OciCalls.DURATION).tag("operation", "ListContainerImages").timer().count());
  }

  @Test
  void mapsHttpErrorsToBackendExceptionWithStatusAndCode() {
    BackendException e = OciCalls.backendError("ListContainerImages", http(404, "NotAuthorizedOrNotFound"));
    assertEquals(404, e.status());
    assertEquals("ListContainerImages", e.operation());
    assertTrue(e.getMessage().contains("NotAuthorizedOrNotFound: the message"), e.getMessage());
    assertTrue(e.getMessage().contains("IAM policy"), e.getMessage());
  }

  @Test
  void mapsTimeoutsAndConnectionFailuresToStatusZero() {
    BackendException timeout = OciCalls.backendError("Verify",
        new BmcException(true, "timed out", new SocketTimeoutException("Read timed out"), null));
    assertEquals(0, timeout.status());
    assertTrue(timeout.getMessage().contains("timed out"), timeout.getMessage());
    BmcException refused = new BmcException(-1, null, "Processing exception", null,
        new java.net.ConnectException("Connection refused"));
    assertEquals("timeout", OciCalls.outcome(refused));
    assertEquals(0, OciCalls.backendError("Verify", refused).status());
  }

  @Test
  void connectionFailuresAreSaidInPlainWordsWithoutClassNames() {
    ServiceDetails details = new ServiceDetails("Artifacts", "ListContainerImages",
        "https://artifacts.us-phoenix-1.oci.oraclecloud.com/20160918/container/images", null);
    Throwable refused = new java.util.concurrent.CompletionException(new IllegalStateException(
        "Connect to 127.0.0.1:9 failed: Connection refused", new java.net.ConnectException("Connection refused")));
    BackendException e = OciCalls.backendError("ListContainerImages",
        new BmcException("Processing exception", refused, -1, null, true, "req", false, details, null, null, null));
    assertEquals(0, e.status());
    assertTrue(e.getMessage().endsWith("connection refused by artifacts.us-phoenix-1.oci.oraclecloud.com"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("Exception"), e.getMessage());
    BmcException slow = new BmcException(true, "timed out", new SocketTimeoutException("Read timed out"), null);
    assertTrue(OciCalls.backendError("Verify", slow).getMessage()
        .endsWith("timed out talking to the Vault crypto endpoint"));
    BmcException unknown = new BmcException(-1, null, "x", null, new java.net.UnknownHostException("nowhere.example"));
    assertTrue(OciCalls.backendError("Verify", unknown).getMessage().contains("cannot resolve host"));
  }
}
