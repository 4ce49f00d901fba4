package dev.signet.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Cache flags of {@code serve} (DESIGN §7). */
final class CacheOptions {
  @Option(names = "--digest-ttl", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
      description = "How long a tag → digest resolution is reused (default: ${DEFAULT-VALUE})")
  Duration digestTtl;

  @Option(names = "--verified-ttl", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
      description = "How long a verified verdict is reused (default: ${DEFAULT-VALUE})")
  Duration verifiedTtl;

  @Option(names = "--not-verified-ttl", paramLabel = "DURATION", defaultValue = "30s",
      converter = DurationConverter.class, description = "How long a not-verified verdict is reused (default: ${DEFAULT-VALUE})")
  Duration notVerifiedTtl;

  @Option(names = "--cache-size", paramLabel = "N", defaultValue = "10000",
      description = "Most entries per cache (default: ${DEFAULT-VALUE})")
  long cacheSize;

  @Option(names = "--stale-if-error", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
      description = "Serve a verified verdict this long past its TTL when OCI cannot answer; 0 = off (default: ${DEFAULT-VALUE})")
  Duration staleIfError;
}
