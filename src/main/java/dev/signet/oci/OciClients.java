package dev.signet.oci;

import com.oracle.bmc.ClientConfiguration;
import com.oracle.bmc.artifacts.ArtifactsClient;
import com.oracle.bmc.circuitbreaker.NoCircuitBreakerConfiguration;
import com.oracle.bmc.keymanagement.KmsCryptoClient;
import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.retrier.DefaultRetryCondition;
import com.oracle.bmc.retrier.RetryConfiguration;
import com.oracle.bmc.waiter.ExponentialBackoffDelayStrategy;
import com.oracle.bmc.waiter.MaxAttemptsTerminationStrategy;
import com.oracle.bmc.waiter.MaxTimeTerminationStrategy;
import com.oracle.bmc.waiter.TerminationStrategy;
import io.micrometer.core.instrument.MeterRegistry;
import dev.signet.verify.TrustedKey;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The OCI SDK clients Signet uses: one {@link ArtifactsClient} per Artifacts endpoint and one
 * {@link KmsCryptoClient} per Vault crypto endpoint, built on first use and reused by every request (SDK
 * clients are thread-safe). Close it once, at shutdown.
 *
 * <p>Every client gets an explicit {@link ClientConfiguration} (DESIGN §3):
 * <ul>
 *   <li>connect and read timeouts from {@link OciClientSettings};
 *   <li>retries only for 429, 5xx (not 501), timeouts and connection failures, at most
 *       {@code maxAttempts} attempts and none started after {@code retryBudget}, so a call ends within the
 *       admission deadline (the SDK default would retry Artifacts calls up to 8 times with 30 s pauses);
 *   <li>the SDK circuit breaker <b>disabled</b>: an open breaker would fail later admissions without any call
 *       after one outage, and Signet's callers already bound each call and retry on the next admission.
 * </ul>
 */
public final class OciClients implements AutoCloseable {
  private final OciAuth auth;
  private final OciEndpoints endpoints;
  private final ClientConfiguration configuration;
  private final OciCalls calls;
  private final ConcurrentMap<String, ArtifactsClient> artifacts = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, KmsCryptoClient> crypto = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param auth credentials
   * @param endpoints where requests go
   * @param settings timeouts and retries
   * @param registry where every adapter built on these clients records {@code signet_oci_*} metrics
   */
  public OciClients(OciAuth auth, OciEndpoints endpoints, OciClientSettings settings, MeterRegistry registry) {
    this.auth = Objects.requireNonNull(auth, "auth");
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.configuration = clientConfiguration(Objects.requireNonNull(settings, "settings"));
    this.calls = new OciCalls(registry);
  }

  /** @return the endpoints these clients use */
  public OciEndpoints endpoints() {
    return endpoints;
  }

  /** @return the full region id of the credentials, e.g. {@code us-phoenix-1} */
  public String regionId() {
    return auth.regionId();
  }

  /**
   * @param regionId full region id of a registry
   * @return the shared Artifacts client for that region's endpoint
   * @throws IllegalArgumentException when no endpoint is known for the region
   * @throws IllegalStateException after {@link #close()}
   */
  ArtifactsClient artifacts(String regionId) {
    String endpoint = endpoints.artifactsEndpoint(regionId);
    return artifacts.computeIfAbsent(endpoint, url -> {
      ensureOpen();
      return ArtifactsClient.builder().endpoint(url).configuration(configuration).build(auth.provider());
    });
  }

  /**
   * @param endpoint a Vault crypto endpoint URL (see {@link OciEndpoints#cryptoEndpoint})
   * @return the shared crypto client for it
   * @throws IllegalStateException after {@link #close()}
   */
  KmsCryptoClient crypto(String endpoint) {
    return crypto.computeIfAbsent(endpoint, url -> {
      ensureOpen();
      return KmsCryptoClient.builder().endpoint(url).configuration(configuration).build(auth.provider());
    });
  }

  /**
   * Builds, without sending any request, the Artifacts client of the credentials' region and the crypto
   * clients of the given keys, so the SDK's one-time start-up cost (class loading, HTTP stack, request signer)
   * is paid at start and not by the first admission. Keys whose endpoint cannot be derived are skipped; they
   * fail at verification time with a clear error.
   *
   * @param keys the keys of the current policies
   * @return how many clients exist afterwards
   */
  public int warmUp(Collection<TrustedKey> keys) {
    try {
      artifacts(regionId());
    } catch (RuntimeException e) {
      // no endpoint for the credentials' region: the first admission reports it
    }
    for (TrustedKey key : keys) {
      try {
        crypto(endpoints.cryptoEndpoint(key));
      } catch (RuntimeException e) {
        // an underivable key endpoint is reported when a signature by that key is verified
      }
    }
    return artifacts.size() + crypto.size();
  }

  /** @return the metrics recorder shared by the adapters */
  OciCalls calls() {
    return calls;
  }

  /** @return the SDK configuration every client gets */
  ClientConfiguration configuration() {
    return configuration;
  }

  /** Closes every client; later use throws {@link IllegalStateException}. */
  @Override
  public void close() {
    closed = true;
    artifacts.values().forEach(ArtifactsClient::close);
    crypto.values().forEach(KmsCryptoClient::close);
    artifacts.clear();
    crypto.clear();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("OCI clients are closed");
    }
  }

  static ClientConfiguration clientConfiguration(OciClientSettings s) {
    TerminationStrategy attempts = new MaxAttemptsTerminationStrategy(s.maxAttempts());
    TerminationStrategy budget = MaxTimeTerminationStrategy.ofMillis(s.retryBudget().toMillis());
    RetryConfiguration retry = RetryConfiguration.builder()
        .terminationStrategy(ctx -> attempts.shouldTerminate(ctx) || budget.shouldTerminate(ctx))
        .delayStrategy(new ExponentialBackoffDelayStrategy(s.retryDelay().toMillis()))
        .retryCondition(OciClients::retryable)
        .build();
    return ClientConfiguration.builder()
        .connectionTimeoutMillis(Math.toIntExact(s.connectTimeout().toMillis()))
        .readTimeoutMillis(Math.toIntExact(s.readTimeout().toMillis()))
        .retryConfiguration(retry)
        .circuitBreakerConfiguration(new NoCircuitBreakerConfiguration())
        .build();
  }

  /** Retry 429, 5xx except 501, timeouts and failures to connect or read; never other 4xx. */
  static boolean retryable(BmcException e) {
    int status = e.getStatusCode();
    return e.isTimeout() || status == 429 || (status >= 500 && status != 501)
        || DefaultRetryCondition.isProcessingException(e);
  }
}
