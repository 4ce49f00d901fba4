package dev.signet.oci;

import com.oracle.bmc.Region;
import com.oracle.bmc.artifacts.ArtifactsClient;
import dev.signet.verify.TrustedKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where Signet sends OCI requests (immutable): the Artifacts (OCIR) endpoint of each region and the
 * Vault crypto endpoint of each key (DESIGN §3 "Crypto endpoint", §8 {@code --artifacts-endpoint},
 * {@code --crypto-endpoint}).
 *
 * <p>Artifacts: an override for the region, else the override for every region, else the SDK's
 * endpoint for the region ({@code https://artifacts.<regionId>.oci.<secondLevelDomain>}, from
 * {@link Region#getEndpoint} with {@link ArtifactsClient#SERVICE}).
 *
 * <p>Crypto: an override for the key OCID, else the override for every key, else the policy key's own
 * {@code cryptoEndpoint}, else the endpoint derived from the key OCID by {@link #deriveCryptoEndpoint}.
 */
public final class OciEndpoints {
  /** Regions whose KMS crypto hosts have no {@code .oci.} label (DESIGN §3, exactly). */
  static final Set<String> LEGACY_KMS_REGIONS = Set.of("us-ashburn-1", "us-phoenix-1", "us-seattle-1",
      "eu-frankfurt-1", "uk-london-1", "ap-melbourne-1", "ap-mumbai-1", "ap-osaka-1", "ap-seoul-1", "ap-sydney-1",
      "ap-tokyo-1", "eu-amsterdam-1", "eu-zurich-1", "ca-montreal-1", "ca-toronto-1", "me-jeddah-1",
      "sa-saopaulo-1", "us-luke-1", "us-langley-1", "us-gov-ashburn-1", "us-gov-chicago-1", "us-gov-phoenix-1",
      "uk-gov-london-1");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]+");
  private static final Pattern KEY_UNIQUE = Pattern.compile("[a-z0-9]{60}");

  private final Map<String, String> artifactsByRegion;
  private final String artifactsForAll;
  private final Map<String, String> cryptoByKey;
  private final String cryptoForAll;

  private OciEndpoints(Map<String, String> artifactsByRegion, String artifactsForAll,
      Map<String, String> cryptoByKey, String cryptoForAll) {
    this.artifactsByRegion = Map.copyOf(artifactsByRegion);
    this.artifactsForAll = artifactsForAll;
    this.cryptoByKey = Map.copyOf(cryptoByKey);
    this.cryptoForAll = cryptoForAll;
  }

  /** @return endpoints with no override: every endpoint is the real, derived one */
  public static OciEndpoints defaults() {
    return new OciEndpoints(Map.of(), null, Map.of(), null);
  }

  /**
   * @param url one endpoint serving Artifacts for every region and Vault crypto for every key, e.g. the OCI
   *     emulator's {@code http://127.0.0.1:8081} ({@code serve --demo}, tests)
   * @return endpoints sending every request there
   * @throws IllegalArgumentException when the URL is not {@code http(s)://host[:port]}
   */
  public static OciEndpoints allAt(String url) {
    String u = normaliseUrl(url, "endpoint");
    return new OciEndpoints(Map.of(), u, Map.of(), u);
  }

  /**
   * Parses the values of the repeatable {@code --artifacts-endpoint} and {@code --crypto-endpoint} flags.
   *
   * @param artifactsSpecs each {@code [REGION=]URL}; {@code REGION} is a region id or code
   *     ({@code us-phoenix-1} or {@code phx}); without it the URL serves every region
   * @param cryptoSpecs each {@code KEY_OCID=URL}, or a bare {@code URL} serving every key
   * @return the endpoints
   * @throws IllegalArgumentException naming the bad value when a URL is not {@code http(s)://host[:port]},
   *     a region is unknown, or a key or region is given twice
   */
  public static OciEndpoints parse(List<String> artifactsSpecs, List<String> cryptoSpecs) {
    Map<String, String> byRegion = new HashMap<>();
    String allRegions = null;
    for (String spec : artifactsSpecs == null ? List.<String>of() : artifactsSpecs) {
      String[] kv = splitSpec(spec, "--artifacts-endpoint");
      if (kv[0] == null) {
        allRegions = once(allRegions, kv[1], "--artifacts-endpoint for every region");
      } else {
        String region = regionId(kv[0]);
        if (byRegion.putIfAbsent(region, kv[1]) != null) {
          throw new IllegalArgumentException("--artifacts-endpoint: region " + region + " is given twice");
        }
      }
    }
    Map<String, String> byKey = new HashMap<>();
    String allKeys = null;
    for (String spec : cryptoSpecs == null ? List.<String>of() : cryptoSpecs) {
      String[] kv = splitSpec(spec, "--crypto-endpoint");
      if (kv[0] == null) {
        allKeys = once(allKeys, kv[1], "--crypto-endpoint for every key");
      } else if (!kv[0].startsWith("ocid1.key.")) {
        throw new IllegalArgumentException("--crypto-endpoint: '" + kv[0] + "' is not a key OCID (ocid1.key.…)");
      } else if (byKey.putIfAbsent(kv[0], kv[1]) != null) {
        throw new IllegalArgumentException("--crypto-endpoint: key " + kv[0] + " is given twice");
      }
    }
    return new OciEndpoints(byRegion, allRegions, byKey, allKeys);
  }

  /**
   * @param regionId full region id of the registry, e.g. {@code us-phoenix-1}
   * @return the Artifacts endpoint URL for that region, without a trailing slash
   * @throws IllegalArgumentException when no override applies and the SDK does not know the region
   */
  public String artifactsEndpoint(String regionId) {
    String override = artifactsByRegion.get(regionId);
    if (override != null) {
      return override;
    }
    if (artifactsForAll != null) {
      return artifactsForAll;
    }
    return deriveArtifactsEndpoint(regionId);
  }

  /**
   * @param key a trusted key; its {@code cryptoEndpoint} is used when no flag overrides it
   * @return the Vault crypto endpoint URL for that key
   * @throws IllegalArgumentException when the endpoint has to be derived and the key OCID is not a valid
   *     key OCID (see {@link #deriveCryptoEndpoint}); the verifier reports this as a {@code BackendException}
   */
  public String cryptoEndpoint(TrustedKey key) {
    return cryptoEndpoint(key.kmsKeyId(), key.cryptoEndpoint());
  }

  /**
   * @param kmsKeyId key OCID
   * @param keyOverride the key's own {@code cryptoEndpoint} from a policy, or {@code null}
   * @return the Vault crypto endpoint URL for that key
   * @throws IllegalArgumentException when the endpoint has to be derived and the key OCID is not valid
   */
  public String cryptoEndpoint(String kmsKeyId, String keyOverride) {
    String override = cryptoByKey.get(kmsKeyId);
    if (override != null) {
      return override;
    }
    if (cryptoForAll != null) {
      return cryptoForAll;
    }
    if (keyOverride != null && !keyOverride.isBlank()) {
      return normaliseUrl(keyOverride, "cryptoEndpoint of key " + kmsKeyId);
    }
    return deriveCryptoEndpoint(kmsKeyId);
  }

  /**
   * The real Artifacts endpoint of a region, as the SDK derives it.
   *
   * @param regionIdOrCode region id or code, e.g. {@code us-phoenix-1} or {@code phx}
   * @return e.g. {@code https://artifacts.us-phoenix-1.oci.oraclecloud.com}
   * @throws IllegalArgumentException when the SDK does not know the region
   */
  public static String deriveArtifactsEndpoint(String regionIdOrCode) {
    Region region = region(regionIdOrCode, "region");
    return region.getEndpoint(ArtifactsClient.SERVICE)
        .orElseThrow(() -> new IllegalArgumentException("no Artifacts endpoint is known for region " + region));
  }

  /**
   * Derives the Vault crypto endpoint from a key OCID (DESIGN §3):
   * {@code ocid1.key.<realm>.<region>.<vaultExt>.<60 chars>} →
   * {@code https://<vaultExt>-crypto.kms.<regionId>.<secondLevelDomain>}, with {@code .oci.} before the
   * domain for regions outside the older list {@link #LEGACY_KMS_REGIONS}. The region segment may be a code
   * ({@code phx}) or an id ({@code us-ashburn-1}); it is looked up with {@link Region#fromRegionCodeOrId}.
   *
   * <p>A bad OCID is a policy problem when found while compiling a policy (call {@link #checkKeyId}); at
   * verification time the verifier turns it into a {@code BackendException} ("could not decide").
   *
   * @param kmsKeyId key OCID
   * @return e.g. {@code https://bbx3e2vuaaeuk-crypto.kms.us-phoenix-1.oraclecloud.com}
   * @throws IllegalArgumentException saying what is wrong when the OCID does not have that shape, names an
   *     unknown region, or names a realm the region does not belong to
   */
  public static String deriveCryptoEndpoint(String kmsKeyId) {
    if (kmsKeyId == null || kmsKeyId.isBlank()) {
      throw new IllegalArgumentException("key OCID is missing");
    }
    String[] parts = kmsKeyId.split("\\.", -1);
    if (parts.length != 6 || !parts[0].equals("ocid1") || !parts[1].equals("key")) {
      throw new IllegalArgumentException("'" + kmsKeyId
          + "' is not a key OCID of the form ocid1.key.<realm>.<region>.<vaultExt>.<60 characters>");
    }
    String realm = parts[2];
    String vaultExt = parts[4];
    if (!LABEL.matcher(realm).matches() || !LABEL.matcher(vaultExt).matches()
        || !KEY_UNIQUE.matcher(parts[5]).matches()) {
      throw new IllegalArgumentException("'" + kmsKeyId + "' is not a key OCID: realm and vault must be lower-case"
          + " letters and digits, and the last part 60 lower-case letters and digits");
    }
    Region region = region(parts[3], "key OCID " + kmsKeyId + ": region");
    if (!region.getRealm().getRealmId().equalsIgnoreCase(realm)) {
      throw new IllegalArgumentException("key OCID " + kmsKeyId + ": region " + region.getRegionId()
          + " is not in realm " + realm);
    }
    String domain = region.getRealm().getSecondLevelDomain();
    String regionId = region.getRegionId();
    String oci = LEGACY_KMS_REGIONS.contains(regionId) ? "" : "oci.";
    return "https://" + vaultExt + "-crypto.kms." + regionId + "." + oci + domain;
  }

  /**
   * Checks a key OCID as {@link #deriveCryptoEndpoint} would, for policy compilation.
   *
   * @param kmsKeyId key OCID
   * @return {@code null} when valid, else what is wrong with it
   */
  public static String checkKeyId(String kmsKeyId) {
    try {
      deriveCryptoEndpoint(kmsKeyId);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static Region region(String regionIdOrCode, String what) {
    try {
      return Region.fromRegionCodeOrId(regionIdOrCode.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " '" + regionIdOrCode + "' is not a region known to the OCI SDK");
    }
  }

  private static String regionId(String regionIdOrCode) {
    return region(regionIdOrCode, "--artifacts-endpoint: region").getRegionId();
  }

  private static String[] splitSpec(String spec, String flag) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException(flag + ": empty value");
    }
    String s = spec.strip();
    int eq = s.indexOf('=');
    int scheme = s.indexOf("://");
    if (eq > 0 && (scheme < 0 || eq < scheme)) {
      return new String[] {s.substring(0, eq), normaliseUrl(s.substring(eq + 1), flag)};
    }
    return new String[] {null, normaliseUrl(s, flag)};
  }

  private static String once(String previous, String value, String what) {
    if (previous != null) {
      throw new IllegalArgumentException(what + " is given twice");
    }
    return value;
  }

  /** Accepts {@code http(s)://host[:port][/]}; returns it without a trailing slash. */
  static String normaliseUrl(String url, String what) {
    String u = url == null ? "" : url.strip();
    try {
      URI uri = new URI(u);
      boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
      boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
      if (!web || uri.getHost() == null || !bare || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException(what + ": '" + u + "' is not a URL of the form http(s)://host[:port]");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(what + ": '" + u + "' is not a URL of the form http(s)://host[:port]");
    }
    return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
  }
}
