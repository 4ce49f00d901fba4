package dev.signet.emulator;

import com.oracle.bmc.ClientConfiguration;
import com.oracle.bmc.Region;
import com.oracle.bmc.artifacts.ArtifactsClient;
import com.oracle.bmc.auth.AuthenticationDetailsProvider;
import com.oracle.bmc.auth.SimpleAuthenticationDetailsProvider;
import com.oracle.bmc.auth.StringPrivateKeySupplier;
import com.oracle.bmc.keymanagement.KmsCryptoClient;
import com.oracle.bmc.retrier.RetryConfiguration;
import com.oracle.bmc.util.CircuitBreakerUtils;

/** Real OCI SDK clients pointed at an emulator, with retries and the circuit breaker off. */
final class SdkClients {
  private SdkClients() {}

  static AuthenticationDetailsProvider auth(ApiKey key) {
    return SimpleAuthenticationDetailsProvider.builder()
        .tenantId(key.tenancyId())
        .userId(key.userId())
        .fingerprint(key.fingerprint())
        .privateKeySupplier(new StringPrivateKeySupplier(key.privateKeyPem()))
        .region(Region.US_PHOENIX_1)
        .build();
  }

  static ClientConfiguration config() {
    return ClientConfiguration.builder()
        .retryConfiguration(RetryConfiguration.NO_RETRY_CONFIGURATION)
        .circuitBreakerConfiguration(CircuitBreakerUtils.getNoCircuitBreakerConfiguration())
        .connectionTimeoutMillis(5_000)
        .readTimeoutMillis(10_000)
        .build();
  }

  static ArtifactsClient artifacts(OciEmulator emu, ApiKey key) {
    return ArtifactsClient.builder().endpoint(emu.baseUrl()).configuration(config()).build(auth(key));
  }

  static KmsCryptoClient crypto(OciEmulator emu, ApiKey key) {
    return KmsCryptoClient.builder().endpoint(emu.baseUrl()).configuration(config()).build(auth(key));
  }
}
