package dev.signet.emulator;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small OCI emulator on one HTTP port (DESIGN §9): the container image and image signature paths of
 * the Artifacts API ({@code /20160918/container/...}) and the Vault crypto Sign/Verify paths
 * ({@code /20180608/sign}, {@code /20180608/verify}), serving an {@link EmulatorSeed}. Every OCI path
 * requires a valid OCI request signature by {@link #apiKey()} (401 {@code NotAuthenticated} otherwise);
 * errors are OCI's {@code {"code","message"}} JSON with an {@code opc-request-id} header. Requests are
 * counted per operation ({@code GET /_emulator/stats}) and faults can be injected
 * ({@code POST /_emulator/faults}); the {@code /_emulator/*} paths need no signature.
 *
 * <p>The real OCI Java SDK clients talk to it with {@code endpoint(emulator.baseUrl())}.
 */
public final class OciEmulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OciEmulator.class);

  private final Javalin app;
  private final String baseUrl;
  private final GeneratedApiKey apiKey;
  private final VaultKeys keys;
  private final OperationStats stats;
  private final FaultInjector faults;

  private OciEmulator(Javalin app, String baseUrl, GeneratedApiKey apiKey, VaultKeys keys, OperationStats stats,
      FaultInjector faults) {
    this.app = app;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.keys = keys;
    this.stats = stats;
    this.faults = faults;
  }

  /**
   * Generates the Vault keys and an API key, makes the seed's signatures and starts serving.
   *
   * @param seed what to serve (see {@link EmulatorSeed#demo()}, {@link EmulatorSeed#load})
   * @param bindHost address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}; {@code null} means {@code 127.0.0.1}
   * @param port TCP port, or 0 for a free one
   * @return the running emulator
   * @throws InvalidSeedException when the seed cannot be built
   * @throws IllegalStateException when the server cannot start (e.g. the port is in use)
   */
  public static OciEmulator start(EmulatorSeed seed, String bindHost, int port) {
    String bind = bindHost == null || bindHost.isBlank() ? "127.0.0.1" : bindHost.strip();
    List<KeyPair> pairs = VaultKeys.generate(VaultKeys.pairsNeeded(seed) + 1);
    VaultKeys keys = new VaultKeys(seed, pairs);
    GeneratedApiKey apiKey = GeneratedApiKey.of(seed, pairs.get(pairs.size() - 1));
    ArtifactStore store = new ArtifactStore(seed, keys, apiKey.apiKey().userId());
    OperationStats stats = new OperationStats();
    FaultInjector faults = new FaultInjector();
    RequestAuthenticator auth = new RequestAuthenticator(Map.of(apiKey.apiKey().keyId(), apiKey.publicKey()),
        Clock.systemUTC());
    Routes routes = new Routes(new ArtifactsApi(store), new CryptoApi(keys), new AdminApi(stats, faults), auth,
        stats, faults);
    Javalin app = Javalin.create(routes::configure);
    try {
      app.start(bind, port);
    } catch (RuntimeException e) {
      app.stop();
      throw new IllegalStateException("cannot start the OCI emulator on " + bind + ":" + port + ": "
          + e.getMessage(), e);
    }
    String host = bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("localhost") ? "127.0.0.1" : bind;
    String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.port();
    LOG.info("OCI emulator listening on {} (region {}, namespace {})", url, seed.region(), seed.tenancyNamespace());
    return new OciEmulator(app, url, apiKey, keys, stats, faults);
  }

  /** @return the TCP port it listens on */
  public int port() {
    return app.port();
  }

  /** @return {@code http://127.0.0.1:<port>} (or the bound address when it is not a wildcard/loopback) */
  public String baseUrl() {
    return baseUrl;
  }

  /** @return the API key every OCI path accepts */
  public ApiKey apiKey() {
    return apiKey.apiKey();
  }

  /**
   * Writes an OCI config file (profile {@code DEFAULT}: user, fingerprint, tenancy, region, key_file)
   * and its private key, for the OCI CLI, any OCI SDK or Signet's {@code --oci-config}.
   *
   * @param dir directory to write into (created if missing)
   * @return the path of {@code dir/config}; the key is {@code dir/key.pem} (mode 600 where POSIX)
   * @throws java.io.UncheckedIOException when the files cannot be written
   */
  public java.nio.file.Path writeOciConfig(java.nio.file.Path dir) {
    return apiKey.writeOciConfig(dir);
  }

  /** @return requests received per OCI operation name since start or the last reset (never-called absent) */
  public Map<String, Long> stats() {
    return stats.snapshot();
  }

  /** Zeroes {@link #stats()}. */
  public void resetStats() {
    stats.reset();
  }

  /** @param fault fault to inject; replaces an earlier fault for the same operation */
  public void addFault(EmulatorFault fault) {
    faults.add(fault);
  }

  /** Removes every injected fault. */
  public void clearFaults() {
    faults.clear();
  }

  /**
   * @param keyVersionId a Vault key version OCID of the seed
   * @return its RSA public key
   * @throws IllegalArgumentException when no such key version exists
   */
  public PublicKey publicKey(String keyVersionId) {
    return keys.publicKey(keyVersionId)
        .orElseThrow(() -> new IllegalArgumentException("no key version " + keyVersionId));
  }

  /** Stops the server. */
  @Override
  public void close() {
    app.stop();
  }

  /** Route table, the per-operation pipeline (count, fault, authenticate) and error mapping. */
  private record Routes(ArtifactsApi artifacts, CryptoApi crypto, AdminApi admin, RequestAuthenticator auth,
      OperationStats stats, FaultInjector faults) {

    void configure(JavalinConfig cfg) {
      cfg.startup.showJavalinBanner = false;
      cfg.routes.before(ctx -> ctx.header("opc-request-id", requestId(ctx)));
      cfg.routes.get(ArtifactsApi.IMAGES, op("ListContainerImages", artifacts::listImages));
      cfg.routes.get(ArtifactsApi.IMAGES + "/{imageId}", op("GetContainerImage", artifacts::getImage));
      cfg.routes.get(ArtifactsApi.SIGNATURES, op("ListContainerImageSignatures", artifacts::listSignatures));
      cfg.routes.post(ArtifactsApi.SIGNATURES, op("CreateContainerImageSignature", artifacts::createSignature));
      cfg.routes.get(ArtifactsApi.SIGNATURES + "/{imageSignatureId}",
          op("GetContainerImageSignature", artifacts::getSignature));
      cfg.routes.delete(ArtifactsApi.SIGNATURES + "/{imageSignatureId}",
          op("DeleteContainerImageSignature", artifacts::deleteSignature));
      cfg.routes.post(CryptoApi.SIGN, op("Sign", crypto::sign));
      cfg.routes.post(CryptoApi.VERIFY, op("Verify", crypto::verify));
      cfg.routes.get(AdminApi.STATS, admin::stats);
      cfg.routes.post(AdminApi.STATS_RESET, admin::resetStats);
      cfg.routes.post(AdminApi.FAULTS, admin::addFault);
      cfg.routes.delete(AdminApi.FAULTS, admin::clearFaults);
      cfg.routes.exception(OciError.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
      cfg.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
          e.getStatus() == 404 ? "NotAuthorizedOrNotFound" : e.getStatus() == 405 ? "NotAllowed" : "InvalidParameter",
          e.getMessage()));
      cfg.routes.exception(Exception.class, (e, ctx) -> {
        LOG.warn("OCI emulator failed on {} {}", ctx.method(), ctx.path(), e);
        error(ctx, 500, "InternalServerError", "Internal error");
      });
    }

    private Handler op(String operation, Handler handler) {
      return ctx -> {
        stats.count(operation);
        EmulatorFault fault = faults.take(operation);
        if (fault != null) {
          if (fault.latencyMs() > 0) {
            Thread.sleep(fault.latencyMs());
          }
          if (fault.status() != 0) {
            throw OciError.forStatus(fault.status());
          }
        }
        String query = ctx.req().getQueryString();
        String target = ctx.req().getRequestURI() + (query == null || query.isEmpty() ? "" : "?" + query);
        auth.authenticate(new RequestAuthenticator.SignedRequest(ctx.req().getMethod(), target, ctx::header,
            ctx.bodyAsBytes()));
        handler.handle(ctx);
      };
    }

    private static void error(Context ctx, int status, String code, String message) {
      ctx.header("opc-request-id", requestId(ctx));
      ctx.status(status).contentType("application/json").result(OciJson.error(code, message));
    }

    private static String requestId(Context ctx) {
      String existing = ctx.res().getHeader("opc-request-id");
      if (existing != null) {
        return existing;
      }
      String client = ctx.header("opc-request-id");
      String own = UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT);
      return client == null || client.isBlank() ? own : client + "/" + own;
    }
  }
}
