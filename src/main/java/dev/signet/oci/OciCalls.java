package dev.signet.oci;

import com.oracle.bmc.model.BmcException;
import dev.signet.verify.BackendException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs one OCI SDK call and records it (DESIGN §11): counter {@code signet_oci_requests_total{operation,outcome}}
 * with outcome {@code ok|client_error|throttled|server_error|timeout}, and timer
 * {@code signet_oci_request_duration_seconds{operation}}. One SDK call is one record, whatever retries the SDK
 * made inside it. Also maps SDK errors to {@link BackendException}. Used by every adapter of this package.
 */
final class OciCalls {
  static final String REQUESTS = "signet_oci_requests_total";
  static final String DURATION = "signet_oci_request_duration_seconds";

  private final MeterRegistry registry;

  /** @param registry where the meters go */
  OciCalls(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * @param operation the OCI operation name, e.g. {@code ListContainerImages}
   * @param call the SDK call
   * @return its response
   * @throws BmcException unchanged, after recording its outcome
   */
  <T> T run(String operation, Supplier<T> call) {
    long start = System.nanoTime();
    String outcome = "client_error";
    try {
      T response = call.get();
      outcome = "ok";
      return response;
    } catch (BmcException e) {
      outcome = outcome(e);
      throw e;
    } finally {
      Timer.builder(DURATION).description("Duration of OCI API calls, retries included").tag("operation", operation)
          .register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      Counter.builder(REQUESTS).description("OCI API calls by outcome").tag("operation", operation)
          .tag("outcome", outcome).register(registry).increment();
    }
  }

  /**
   * @param e an SDK error
   * @return {@code timeout} for timeouts and failures to connect (no HTTP status), {@code throttled} for 429,
   *     {@code server_error} for 5xx, else {@code client_error}
   */
  static String outcome(BmcException e) {
    int status = e.getStatusCode();
    if (e.isTimeout() || status <= 0) {
      return "timeout";
    }
    if (status == 429) {
      return "throttled";
    }
    return status >= 500 ? "server_error" : "client_error";
  }

  /**
   * @param operation the OCI operation name
   * @param e the SDK error
   * @return the backend error: HTTP status and OCI error code, or status 0 for a timeout or connection failure
   */
  static BackendException backendError(String operation, BmcException e) {
    int status = e.isTimeout() || e.getStatusCode() <= 0 ? 0 : e.getStatusCode();
    String detail;
    if (status == 0) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      detail = (e.isTimeout() ? "timed out: " : "no answer: ") + cause.getClass().getSimpleName()
          + (cause.getMessage() != null ? " " + cause.getMessage() : "");
    } else {
      String message = e.getOriginalMessage() != null ? e.getOriginalMessage()
          : e.getUnmodifiedMessage() != null ? e.getUnmodifiedMessage() : "";
      detail = (e.getServiceCode() != null ? e.getServiceCode() + ": " : "") + message + hint(status);
    }
    return new BackendException(operation, status, detail, e);
  }

  private static String hint(int status) {
    return switch (status) {
      case 401 -> " (the request signature was not accepted: check the OCI credentials)";
      case 404 -> " (usually a missing IAM policy for Signet's principal, or a wrong compartment or key OCID)";
      case 429 -> " (throttled)";
      default -> "";
    };
  }
}
