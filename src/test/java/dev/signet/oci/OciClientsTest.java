package dev.signet.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.bmc.ClientConfiguration;
import com.oracle.bmc.circuitbreaker.NoCircuitBreakerConfiguration;
import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.waiter.WaiterConfiguration;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OciClientsTest {
  private final OciClientSettings settings = new OciClientSettings(Duration.ofMillis(1500), Duration.ofSeconds(4),
      2, Duration.ofSeconds(3), Duration.ofMillis(100));
  private final ClientConfiguration config = OciClients.clientConfiguration(settings);

  @Test
  void setsTimeoutsAndDisablesCircuitBreaker() {
    assertEquals(1500, config.getConnectionTimeoutMillis());
    assertEquals(4000, config.getReadTimeoutMillis());
    assertInstanceOf(NoCircuitBreakerConfiguration.class, config.getCircuitBreakerConfiguration());
  }

  @Test
  void stopsRetryingAfterMaxAttempts() {
    var ctx = new WaiterConfiguration.WaitContext(System.currentTimeMillis());
    ctx.incrementAttempts();
    assertFalse(config.getRetryConfiguration().getTerminationStrategy().shouldTerminate(ctx));
    ctx.incrementAttempts();
    assertTrue(config.getRetryConfiguration().getTerminationStrategy().shouldTerminate(ctx));
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 500, 502, 503, 504})
  void retriesThrottlingAndServerErrors(int status) {
    assertTrue(config.getRetryConfiguration().getRetryCondition()
        .shouldBeRetried(new BmcException(status, "X", "m", null)));
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 409, 412, 501})
  void neverRetriesClientErrors(int status) {
    assertFalse(config.getRetryConfiguration().getRetryCondition()
        .shouldBeRetried(new BmcException(status, "X", "m", null)));
  }

  @Test
  void retriesTimeouts() {
    assertTrue(config.getRetryConfiguration().getRetryCondition()
        .shouldBeRetried(new BmcException(true, "t", new SocketTimeoutException(), null)));
  }

  @Test
  void defaultSettingsFitInsideTheDefaultDeadline() {
    OciClientSettings d = OciClientSettings.defaults();
    Duration worstCall = d.retryBudget().plus(d.retryDelay()).plus(d.connectTimeout()).plus(d.readTimeout());
    assertTrue(worstCall.compareTo(Duration.ofSeconds(10)) < 0, worstCall.toString());
    assertEquals(2, d.maxAttempts());
  }
}
