package dev.signet.audit;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns a failed Kubernetes API call into an {@link AuditException} a user can act on: which API server URL was
 * tried and the root cause in plain words (connection refused, unknown host, timeout, TLS, HTTP 401, HTTP 403 with
 * the missing RBAC permission, HTTP 404), never fabric8's operation description. Stateless.
 */
public final class ClusterFailures {
  private ClusterFailures() {}

  /**
   * @param client the client that made the call (for its API server URL)
   * @param what what was being listed, as a Kubernetes resource name (e.g. {@code pods},
   *     {@code clusterimagesignaturepolicies.signet.dev})
   * @param e the failure
   * @return {@code cannot list <what> from the API server <url>: <cause>}
   */
  public static AuditException describe(KubernetesClient client, String what, KubernetesClientException e) {
    String server = client.getConfiguration() == null ? null : client.getConfiguration().getMasterUrl();
    return new AuditException("cannot list " + what + " from the API server "
        + (server == null ? "(unknown address)" : server) + ": " + cause(what, e), e);
  }

  private static String cause(String what, KubernetesClientException e) {
    return switch (e.getCode()) {
      case 401 -> "HTTP 401 Unauthorized: the API server rejected the credentials of the kubeconfig (expired "
          + "token or certificate?)";
      case 403 -> "HTTP 403 Forbidden: the user may not list " + what + "; grant the RBAC verb 'list' on "
          + what + serverSays(e);
      case 404 -> "HTTP 404 Not Found" + serverSays(e);
      default -> e.getCode() > 0 ? "HTTP " + e.getCode() + serverSays(e) : transport(e);
    };
  }

  /** The API server's own explanation (a Kubernetes {@code Status} message), when it sent one. */
  private static String serverSays(KubernetesClientException e) {
    Status status = e.getStatus();
    String message = status == null ? null : status.getMessage();
    return message == null || message.isBlank() ? "" : " (the API server says: " + message + ")";
  }

  /** No HTTP answer: name the network-level cause. */
  private static String transport(Throwable e) {
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      root = t;
      if (t instanceof ConnectException) {
        return "connection refused (is the cluster running, and is the server address in the kubeconfig right?)";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host " + hostOf(t) + " (check the server address in the kubeconfig)";
      }
      if (t instanceof NoRouteToHostException) {
        return "no route to host";
      }
      if (t instanceof SocketTimeoutException || t instanceof TimeoutException
          || t instanceof InterruptedIOException) {
        return "no answer in time (network, firewall or an overloaded API server?)";
      }
      if (t instanceof SSLException) {
        return "TLS handshake failed: " + t.getMessage() + " (check certificate-authority-data in the kubeconfig)";
      }
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static String hostOf(Throwable t) {
    String m = t.getMessage();
    if (m == null) {
      return "";
    }
    int colon = m.indexOf(':');
    return "'" + (colon < 0 ? m : m.substring(0, colon)).strip() + "'";
  }
}
