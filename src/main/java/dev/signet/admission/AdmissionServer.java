package dev.signet.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook's HTTP(S) server (Javalin 7 on Jetty 12; DESIGN §6 and §8): {@code POST} review paths such as
 * {@code /validate} (AdmissionReview in, AdmissionReview out, always HTTP 200 for a well-formed review),
 * {@code GET /healthz} (liveness) and {@code GET /readyz} (readiness). Every other answer is JSON too: 400
 * {@code {"error": ...}} for malformed reviews and bodies over {@link #MAX_REQUEST_BYTES}, 404/405 for unknown
 * paths and methods, 408 for a body not received within {@link #readTimeout(Duration)}, 500 for unexpected
 * failures outside a review. Logs one INFO line per admission decision.
 */
public final class AdmissionServer implements AutoCloseable {
  /** The largest accepted request body, 3 MiB (the Kubernetes API server's own request limit). */
  public static final long MAX_REQUEST_BYTES = 3L * 1024 * 1024;

  /** The default of {@link #readTimeout(Duration)}, 10 s. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(AdmissionServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Where and how to listen.
   *
   * @param host the address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
   * @param port the port, 0 for a free one (see {@link AdmissionServer#port()})
   * @param tls the certificate and key to serve HTTPS with, or {@code null} for plain HTTP
   */
  public record Options(String host, int port, TlsMaterial tls) {
    /**
     * @throws IllegalArgumentException when the host is blank or the port is outside 0..65535
     */
    public Options {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("bind host is required");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
    }
  }

  private final Options options;
  private final Map<String, ReviewHandler> reviewRoutes;
  private final BooleanSupplier ready;
  private final AdmissionRequestParser parser = new AdmissionRequestParser();
  private final String keyStorePassword = randomPassword();
  private final AtomicReference<ServerConnector> connector = new AtomicReference<>();
  private SslContextFactory.Server sslContextFactory;
  private Javalin app;
  private Duration stopTimeout = Duration.ofSeconds(10);
  private Duration readTimeout = DEFAULT_READ_TIMEOUT;

  /**
   * @param options bind address, port and TLS
   * @param reviewRoutes POST path (e.g. {@code /validate}) → the handler answering AdmissionReviews there
   * @param ready readiness check for {@code /readyz} (e.g. policies loaded); must be fast and must not throw
   */
  public AdmissionServer(Options options, Map<String, ReviewHandler> reviewRoutes, BooleanSupplier ready) {
    this.options = options;
    this.reviewRoutes = Map.copyOf(reviewRoutes);
    this.ready = ready;
  }

  /**
   * Sets how long {@link #close()} waits for in-flight reviews (Jetty graceful stop): it stops accepting
   * connections at once, answers requests that arrive on open connections with 503, lets running reviews finish
   * for up to this long, then closes every connection. Call before {@link #start()}; default 10 s.
   *
   * @param timeout the longest wait, positive (e.g. the admission deadline plus a margin)
   * @return this server
   * @throws IllegalArgumentException when the timeout is not positive
   */
  public synchronized AdmissionServer stopTimeout(Duration timeout) {
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("stop timeout must be positive");
    }
    this.stopTimeout = timeout;
    return this;
  }

  /**
   * Bounds how long a client may take to send a request (slow-client defence, DESIGN §6 "never a hang"): a
   * {@code POST} body must arrive completely within this time of its headers, else the answer is 408
   * {@code {"error": ...}} and the connection is closed; bodies are collected without holding a worker thread, so
   * slow senders cannot starve {@code /healthz}, {@code /readyz} or other reviews. It is also the connection idle
   * timeout. Call before {@link #start()}; default {@link #DEFAULT_READ_TIMEOUT}.
   *
   * @param timeout the longest time, positive
   * @return this server
   * @throws IllegalArgumentException when the timeout is not positive
   */
  public synchronized AdmissionServer readTimeout(Duration timeout) {
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("read timeout must be positive");
    }
    this.readTimeout = timeout;
    return this;
  }

  /**
   * Starts listening.
   *
   * @return this server
   * @throws IllegalStateException when already started
   * @throws io.javalin.util.JavalinException when the port cannot be bound
   */
  public synchronized AdmissionServer start() {
    if (app != null) {
      throw new IllegalStateException("server already started");
    }
    if (options.tls() != null) {
      sslContextFactory = new SslContextFactory.Server();
      sslContextFactory.setKeyStore(options.tls().keyStore(keyStorePassword.toCharArray()));
      sslContextFactory.setKeyStorePassword(keyStorePassword);
    }
    app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.http.maxRequestSize = MAX_REQUEST_BYTES + 64 * 1024;
      cfg.http.prefer405over404 = true;
      cfg.jetty.addConnector(this::newConnector);
      cfg.jetty.modifyServer(server -> {
        // Graceful stop: Javalin mounts its servlet context inside this wrapper, so stop() waits for it.
        server.insertHandler(new GracefulHandler());
        // Outermost: bodies are collected asynchronously, under a deadline, before a worker thread is used.
        server.insertHandler(BodyReadDeadline.handler(MAX_REQUEST_BYTES, readTimeout));
        server.setStopTimeout(stopTimeout.toMillis());
      });
      reviewRoutes.forEach((path, handler) -> cfg.routes.post(path, ctx -> review(ctx, handler)));
      cfg.routes.get("/healthz", ctx -> json(ctx, 200, Map.of("status", "ok")));
      cfg.routes.get("/readyz", this::readyz);
      cfg.routes.exception(HttpResponseException.class, (e, ctx) -> httpError(ctx, e.getStatus(), e.getMessage()));
      cfg.routes.exception(Exception.class, this::unexpected);
      cfg.routes.error(404, ctx -> error(ctx, 404, "no route " + ctx.method() + " " + ctx.path()));
      cfg.routes.error(405, ctx -> error(ctx, 405, "method " + ctx.method() + " not allowed on " + ctx.path()));
    });
    app.start();
    LOG.info("admission server listening on {}://{}:{} (paths {})", options.tls() == null ? "http" : "https",
        options.host(), port(), reviewRoutes.keySet());
    return this;
  }

  private ServerConnector newConnector(Server server, HttpConfiguration http) {
    ServerConnector c;
    if (sslContextFactory == null) {
      c = new ServerConnector(server, new HttpConnectionFactory(http));
    } else {
      HttpConfiguration https = new HttpConfiguration(http);
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      secure.setSniHostCheck(false); // the API server may dial a Service IP; trust is the client's to check
      https.addCustomizer(secure);
      c = new ServerConnector(server, new SslConnectionFactory(sslContextFactory, HttpVersion.HTTP_1_1.asString()),
          new HttpConnectionFactory(https));
    }
    c.setHost(options.host());
    c.setPort(options.port());
    c.setIdleTimeout(readTimeout.toMillis());
    connector.set(c);
    return c;
  }

  /** @return the port actually bound (useful with port 0), or -1 before {@link #start()} */
  public int port() {
    ServerConnector c = connector.get();
    return c == null ? -1 : c.getLocalPort();
  }

  /** @return true when serving HTTPS */
  public boolean isTls() {
    return options.tls() != null;
  }

  /**
   * Swaps the served certificate and key without dropping the listener (certificate rotation); new TLS handshakes
   * use the new material.
   *
   * @param material the new certificate chain and key
   * @throws IllegalStateException when the server does not serve TLS or is not started, or the reload fails
   */
  public synchronized void reloadTls(TlsMaterial material) {
    if (sslContextFactory == null) {
      throw new IllegalStateException("server does not serve TLS or is not started");
    }
    try {
      sslContextFactory.reload(f -> f.setKeyStore(material.keyStore(keyStorePassword.toCharArray())));
      LOG.info("reloaded TLS certificate, subject {}", material.leaf().getSubjectX500Principal().getName());
    } catch (Exception e) {
      throw new IllegalStateException("cannot reload the TLS certificate: " + e.getMessage(), e);
    }
  }

  private void review(Context ctx, ReviewHandler handler) {
    AdmissionRequest request;
    try {
      request = parser.parse(readBody(ctx));
    } catch (MalformedReviewException e) {
      LOG.info("rejected malformed AdmissionReview on {}: {}", ctx.path(), DecisionLog.clean(e.getMessage()));
      error(ctx, 400, e.getMessage());
      return;
    }
    AdmissionOutcome outcome;
    try {
      outcome = handler.handle(request);
    } catch (RuntimeException e) {
      LOG.error("review handler failed for uid={}", DecisionLog.clean(request.uid()), e);
      json(ctx, 200, AdmissionResponses.deny(request, List.of("BackendError: internal error")));
      return;
    }
    closeWhenDraining(ctx);
    json(ctx, 200, outcome.review());
    DecisionLog.log(outcome);
  }

  private static byte[] readBody(Context ctx) throws MalformedReviewException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > MAX_REQUEST_BYTES) {
      throw new MalformedReviewException(tooLarge(declared + " bytes"));
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] body = in.readNBytes((int) MAX_REQUEST_BYTES + 1);
      if (body.length > MAX_REQUEST_BYTES) {
        throw new MalformedReviewException(tooLarge("more than " + MAX_REQUEST_BYTES + " bytes"));
      }
      return body;
    } catch (IOException e) {
      throw new MalformedReviewException("cannot read the request body: " + e.getMessage());
    }
  }

  private static String tooLarge(String size) {
    return "request body of " + size + " exceeds the limit of " + MAX_REQUEST_BYTES + " bytes (3 MiB)";
  }

  /** While not ready (e.g. shutting down), ask the client to reconnect: keep-alive connections would pin it here. */
  private void closeWhenDraining(Context ctx) {
    if (!isReady()) {
      ctx.header("Connection", "close");
    }
  }

  private boolean isReady() {
    try {
      return ready.getAsBoolean();
    } catch (RuntimeException e) {
      LOG.warn("readiness check failed: {}", e.toString());
      return false;
    }
  }

  private void readyz(Context ctx) {
    boolean isReady = isReady();
    json(ctx, isReady ? 200 : 503, Map.of("status", isReady ? "ready" : "not ready"));
  }

  private void httpError(Context ctx, int status, String message) {
    error(ctx, status >= 400 && status < 600 ? status : 500, message == null ? "HTTP " + status : message);
  }

  private void unexpected(Exception e, Context ctx) {
    LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
    error(ctx, 500, "internal error");
  }

  private static void error(Context ctx, int status, String message) {
    json(ctx, status, Map.of("error", message));
  }

  private static void json(Context ctx, int status, Object body) {
    try {
      byte[] bytes = body instanceof JsonNode node ? JSON.writeValueAsBytes(node) : JSON.writeValueAsBytes(body);
      ctx.status(status).contentType("application/json").result(bytes);
    } catch (JsonProcessingException e) {
      ctx.status(500).contentType("application/json").result("{\"error\":\"cannot encode the response\"}");
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * Stops listening and releases the port, first letting in-flight reviews finish (see
   * {@link #stopTimeout(Duration)}); safe to call more than once. Requests still unfinished after the stop timeout
   * (e.g. clients that never send their body) have their connections closed and are logged, not thrown.
   */
  @Override
  public synchronized void close() {
    if (app != null) {
      try {
        app.stop();
      } catch (RuntimeException e) {
        LOG.warn("admission server stopped without every request finishing within {}: {}", stopTimeout,
            e.getCause() != null ? e.getCause().toString() : e.toString());
      }
      app = null;
    }
  }
}
