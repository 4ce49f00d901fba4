package dev.signet.cache;

import static dev.signet.verify.TestImages.REPO;
import static dev.signet.verify.TestImages.digest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.signet.image.Digest;
import dev.signet.verify.BackendException;
import dev.signet.verify.FakeDigestResolver;
import dev.signet.verify.ImageNotFoundException;
import dev.signet.verify.TestImages.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class CachingDigestResolverTest {
  private static final String COMPARTMENT = "ocid1.compartment.oc1..a";
  private static final Digest V1 = digest("v1.0");
  private static final Digest V1_REBUILT = digest("v1.0-rebuilt");

  private final AtomicLong nanos = new AtomicLong();
  private final FakeDigestResolver delegate = new FakeDigestResolver().tag("v1.0", V1);
  private final CachingDigestResolver resolver =
      new CachingDigestResolver(delegate, CacheSettings.DEFAULTS, nanos::get, new MutableClock());

  @Test
  void reusesDigestWithinTtlAndLooksUpAgainAfter() throws Exception {
    assertEquals(V1, resolver.resolve(REPO, "v1.0", COMPARTMENT, false));
    delegate.tag("v1.0", V1_REBUILT); // the tag moves
    nanos.addAndGet(Duration.ofSeconds(29).toNanos());
    assertEquals(V1, resolver.resolve(REPO, "v1.0", COMPARTMENT, false));
    assertEquals(1, delegate.calls());
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertEquals(V1_REBUILT, resolver.resolve(REPO, "v1.0", COMPARTMENT, false));
    assertEquals(2, delegate.calls());
  }

  @Test
  void doesNotCacheImageNotFound() throws Exception {
    assertThrows(ImageNotFoundException.class, () -> resolver.resolve(REPO, "v9", COMPARTMENT, false));
    delegate.tag("v9", V1);
    assertEquals(V1, resolver.resolve(REPO, "v9", COMPARTMENT, false));
    assertEquals(2, delegate.calls());
  }

  @Test
  void doesNotCacheBackendErrors() throws Exception {
    delegate.fail(429);
    BackendException e = assertThrows(BackendException.class, () -> resolver.resolve(REPO, "v1.0", COMPARTMENT, false));
    assertEquals(429, e.status());
    delegate.fail(0);
    assertEquals(V1, resolver.resolve(REPO, "v1.0", COMPARTMENT, false));
    assertEquals(2, delegate.calls());
    assertEquals(1, resolver.estimatedSize());
  }

  @Test
  void keysOnCompartmentAndSubtreeFlag() throws Exception {
    resolver.resolve(REPO, "v1.0", COMPARTMENT, false);
    resolver.resolve(REPO, "v1.0", "ocid1.compartment.oc1..b", false);
    resolver.resolve(REPO, "v1.0", COMPARTMENT, true);
    resolver.resolve(REPO, "v1.0", COMPARTMENT, false);
    assertEquals(3, delegate.calls());
  }

  @Test
  void expectedFailuresAreNotLoggedByCaffeineAsAsynchronousLoadErrors() throws Exception {
    Logger caffeine = Logger.getLogger("com.github.benmanes.caffeine");
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    caffeine.addHandler(capture);
    try {
      assertThrows(ImageNotFoundException.class, () -> resolver.resolve(REPO, "v9", COMPARTMENT, false));
      delegate.fail(503);
      assertThrows(BackendException.class, () -> resolver.resolve(REPO, "v1.0", COMPARTMENT, false));
      assertEquals(List.of(), records.stream().map(LogRecord::getMessage).toList(),
          "ImageNotFound and BackendError are answers, not failures for Caffeine to log with a stack trace");
    } finally {
      caffeine.removeHandler(capture);
    }
  }
}
