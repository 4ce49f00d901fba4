package dev.signet.verify;

import dev.signet.emulator.DemoSeed;
import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** Demo-seed identifiers, trust sets and signed messages shared by verification and cache tests. */
public final class TestImages {
  /** The demo repository. */
  public static final OcirRepository REPO = new OcirRepository(DemoSeed.REGION, "phx", DemoSeed.HOST,
      DemoSeed.NAMESPACE, DemoSeed.REPOSITORY);
  /** The default algorithm of the demo seed. */
  public static final String PSS256 = "SHA_256_RSA_PKCS_PSS";

  private TestImages() {}

  /** @return the demo digest of the tag */
  public static Digest digest(String tag) {
    return Digest.parse(DemoSeed.digest(tag));
  }

  /** @return the key OCID of a demo key name */
  public static String key(String name) {
    return DemoSeed.keyId(name);
  }

  /** @return the version OCID of a demo key name */
  public static String version(String name) {
    return DemoSeed.keyVersionId(name);
  }

  /** @return a trust set of the named keys (any version), all PSS algorithms, the given threshold */
  public static TrustSet trust(int threshold, String... keyNames) {
    return new TrustSet(DemoSeed.COMPARTMENT_ID, false,
        List.of(keyNames).stream().map(n -> new TrustedKey(key(n), Set.of(), null)).toList(), Set.of(), threshold);
  }

  /** @return the message the OCI CLI would sign for this image and key */
  public static SignedMessage message(Digest digest, String keyName, String algorithm) {
    return new SignedMessage("demo", digest.toString(), key(keyName), version(keyName), "", DemoSeed.REGION,
        DemoSeed.REPOSITORY, algorithm);
  }

  /** A clock tests can move. */
  public static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T08:00:00Z"));

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    /** @param d how far to move the clock forward */
    public void advance(Duration d) {
      now.updateAndGet(i -> i.plus(d));
    }
  }
}
