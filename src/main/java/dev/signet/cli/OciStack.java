package dev.signet.cli;

import dev.signet.cache.CacheSettings;
import dev.signet.cache.CachingImageVerification;
import dev.signet.emulator.OciEmulator;
import dev.signet.oci.OciAuth;
import dev.signet.oci.OciAuthException;
import dev.signet.oci.OciAuthOptions;
import dev.signet.oci.OciClientSettings;
import dev.signet.oci.OciClients;
import dev.signet.oci.OciDigestResolver;
import dev.signet.oci.OciEndpoints;
import dev.signet.oci.OciRegions;
import dev.signet.oci.OciSignatureSource;
import dev.signet.oci.VaultSignatureVerifier;
import dev.signet.verify.DirectImageVerification;
import dev.signet.verify.ImageVerification;
import dev.signet.verify.ImageVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The OCI side of a command, wired from {@link OciOptions}: authentication, endpoints, SDK clients and the
 * verification pipeline (digest resolution, signature listing, Vault verify). Fails fast with a usage error
 * when the chosen authentication cannot be built.
 */
final class OciStack implements AutoCloseable {
  private final OciClients clients;

  private OciStack(OciClients clients) {
    this.clients = clients;
  }

  /**
   * @param options the command's OCI flags
   * @param registry where OCI call metrics go
   * @return the stack
   * @throws Main.UsageException when authentication or an endpoint flag is invalid
   */
  static OciStack create(OciOptions options, MeterRegistry registry) {
    OciAuthOptions.Mode mode = validate(options);
    OciAuthOptions authOptions = new OciAuthOptions(mode, options.config, options.profile, options.region, null,
        null);
    return create(authOptions, options.artifactsEndpoints, options.cryptoEndpoints, settings(options), registry);
  }

  /**
   * A stack that talks to an in-process emulator: config-file auth with the emulator's API key, every region's
   * Artifacts endpoint and every key's crypto endpoint pointing at it.
   *
   * @param emulator the running emulator
   * @param options the command's OCI flags (timeouts)
   * @param registry where OCI call metrics go
   * @return the stack
   */
  static OciStack forEmulator(OciEmulator emulator, OciOptions options, MeterRegistry registry) {
    validate(options);
    Path dir;
    try {
      dir = Files.createTempDirectory("signet-demo-oci");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for the demo OCI config", e);
    }
    Path config = emulator.writeOciConfig(dir);
    OciAuthOptions auth = OciAuthOptions.configFile(config, "DEFAULT", emulator.apiKey().region());
    return create(auth, List.of(emulator.baseUrl()), List.of(emulator.baseUrl()), settings(options), registry);
  }

  /**
   * Checks the OCI flags that can be checked without calling OCI, so a typo fails at start with exit 64 (also
   * with {@code --demo}, where they are otherwise unused).
   *
   * @param options the flags
   * @return the authentication mode
   * @throws Main.UsageException naming the flag
   */
  static OciAuthOptions.Mode validate(OciOptions options) {
    try {
      if (options.region != null && !options.region.isBlank()) {
        OciRegions.regionId(options.region);
      }
      OciEndpoints.parse(options.artifactsEndpoints, options.cryptoEndpoints);
      return OciAuthOptions.Mode.parse(options.auth);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(e.getMessage());
    }
  }

  private static OciStack create(OciAuthOptions authOptions, List<String> artifacts, List<String> crypto,
      OciClientSettings settings, MeterRegistry registry) {
    OciAuth auth;
    OciEndpoints endpoints;
    try {
      auth = OciAuth.create(authOptions);
      endpoints = OciEndpoints.parse(artifacts, crypto);
    } catch (OciAuthException | IllegalArgumentException e) {
      throw new Main.UsageException(e.getMessage());
    }
    return new OciStack(new OciClients(auth, endpoints, settings, registry));
  }

  private static OciClientSettings settings(OciOptions options) {
    OciClientSettings d = OciClientSettings.defaults();
    try {
      return new OciClientSettings(options.connectTimeout, options.readTimeout, d.maxAttempts(), d.retryBudget(),
          d.retryDelay());
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(e.getMessage());
    }
  }

  /** @return the shared SDK clients */
  OciClients clients() {
    return clients;
  }

  /**
   * @param cache cache settings
   * @param registry where cache metrics go
   * @return the cached, single-flight verification pipeline for {@code serve}
   */
  CachingImageVerification cachedVerification(CacheSettings cache, MeterRegistry registry) {
    CachingImageVerification v = new CachingImageVerification(new OciDigestResolver(clients),
        new ImageVerifier(new OciSignatureSource(clients), new VaultSignatureVerifier(clients)), cache);
    v.bindMetrics(registry);
    return v;
  }

  /** @return the uncached verification pipeline for one-shot commands ({@code verify}, {@code audit}) */
  ImageVerification directVerification() {
    return new DirectImageVerification(new OciDigestResolver(clients),
        new ImageVerifier(new OciSignatureSource(clients), new VaultSignatureVerifier(clients)));
  }

  @Override
  public void close() {
    clients.close();
  }
}
