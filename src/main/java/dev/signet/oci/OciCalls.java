package dev.signet.oci;

import com.oracle.bmc.ServiceDetails;
import com.oracle.bmc.model.BmcException;
import dev.signet.verify.BackendException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Runs one OCI SDK call and records it (DESIGN §11): counter {@code signet_oci_requests_total{operation,outcome}}
 * with outcome {@code ok|client_error|throttled|server_error|timeout}, and timer
 * {@code signet_oci_request_duration_seconds{operation}}. One SDK call is one record, whatever retries the SDK
 * made inside it. Also maps SDK errors to {@link BackendException}. Used by every adapter of this package.
 */
final class OciCalls {
  static final String REQUESTS = "signet_oci_requests_total";
  static final String DURATION = "signet_oci_request_duration_seconds";
  /** A URL's host, or the host of an HTTP client's "Connect to host:port" failure. */
  private static final Pattern HOST = Pattern.compile("(?i)(?:\\bhttps?://|\\bConnect to )([^/\\s?#\\[\\]]+)");

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
      detail = unreachable(operation, e);
    } else {
      String message = e.getOriginalMessage() != null ? e.getOriginalMessage()
          : e.getUnmodifiedMessage() != null ? e.getUnmodifiedMessage() : "";
      detail = (e.getServiceCode() != null ? e.getServiceCode() + ": " : "") + message + hint(status);
    }
    return new BackendException(operation, status, detail, e);
  }

  /**
   * Says in plain words why an SDK call got no HTTP answer, from the cause chain: {@code connection refused by
   * <host>}, {@code timed out talking to <host>}, {@code cannot resolve host <host>}, {@code TLS handshake with
   * <host> failed}, else {@code could not reach <host>}; never Java class names or stack details. The host is
   * {@code host[:port]} when the SDK's error names it, else the service, e.g. {@code the Vault crypto endpoint}.
   *
   * @param operation the OCI operation name, naming the service when the host is unknown
   * @param e an SDK error without HTTP status
   * @return the text, with the endpoint host when the SDK recorded it
   */
  static String unreachable(String operation, BmcException e) {
    String host = endpointHost(operation, e);
    Throwable t = e.getCause();
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (t instanceof UnknownHostException) {
        return "cannot resolve host " + host;
      }
      if (t instanceof ConnectException || message.contains("connection refused")) {
        return message.contains("refused") ? "connection refused by " + host : "could not connect to " + host;
      }
      if (t instanceof SocketTimeoutException || t instanceof TimeoutException
          || t.getClass().getSimpleName().contains("Timeout") || message.contains("timed out")) {
        return "timed out talking to " + host;
      }
      if (t instanceof SSLException) {
        return "TLS handshake with " + host + " failed";
      }
    }
    return e.isTimeout() ? "timed out talking to " + host : "could not reach " + host;
  }

  /**
   * @return the host (and port) of the endpoint the SDK called, from its service details or the cause chain's
   *     messages, or the service ({@code "the Vault crypto endpoint"}, {@code "the Artifacts endpoint"}) when neither
   *     names it
   */
  private static String endpointHost(String operation, BmcException e) {
    ServiceDetails details = e.getServiceDetails();
    StringBuilder texts = new StringBuilder(details == null || details.getRequestEndpoint() == null ? ""
        : details.getRequestEndpoint());
    Throwable t = e;
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      texts.append(' ').append(t.getMessage());
    }
    Matcher m = HOST.matcher(texts);
    if (m.find()) {
      return m.group(1);
    }
    boolean vault = operation.equals(VaultSignatureVerifier.VERIFY) || operation.equals(VaultSigner.SIGN);
    return vault ? "the Vault crypto endpoint" : "the Artifacts endpoint";
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
