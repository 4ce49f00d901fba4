package dev.signet.oci;

import com.oracle.bmc.ConfigFileReader;
import com.oracle.bmc.Region;
import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.auth.ConfigFileAuthenticationDetailsProvider;
import com.oracle.bmc.auth.InstancePrincipalsAuthenticationDetailsProvider;
import com.oracle.bmc.auth.RegionProvider;
import com.oracle.bmc.auth.ResourcePrincipalAuthenticationDetailsProvider;
import com.oracle.bmc.auth.okeworkloadidentity.OkeWorkloadIdentityAuthenticationDetailsProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * OCI credentials for every SDK client (DESIGN §3 "Auth providers", §8 {@code --oci-auth}). Built once at start;
 * anything missing fails here with an {@link OciAuthException} rather than on the first admission.
 *
 * <ul>
 *   <li>{@code config-file}: {@link ConfigFileReader#parse(String, String)} and
 *       {@link ConfigFileAuthenticationDetailsProvider}; the file, profile, {@code user}, {@code tenancy},
 *       {@code fingerprint} and a readable {@code key_file} must exist.
 *   <li>{@code instance-principal}: {@link InstancePrincipalsAuthenticationDetailsProvider}, which reads
 *       certificates and region from the instance metadata service (one attempt, 2 s connect timeout).
 *   <li>{@code resource-principal}: {@link ResourcePrincipalAuthenticationDetailsProvider} from the
 *       {@code OCI_RESOURCE_PRINCIPAL_*} environment.
 *   <li>{@code workload-identity}: {@link OkeWorkloadIdentityAuthenticationDetailsProvider} (OKE addon) with the
 *       pod's service account token; the token file and {@code KUBERNETES_SERVICE_HOST} must exist. With a
 *       {@code --region} the metadata service is not asked for the region.
 * </ul>
 */
public final class OciAuth {
  private static final int METADATA_CONNECT_TIMEOUT_MILLIS = 2000;

  private final BasicAuthenticationDetailsProvider provider;
  private final String regionId;
  private final OciAuthOptions.Mode mode;

  private OciAuth(BasicAuthenticationDetailsProvider provider, String regionId, OciAuthOptions.Mode mode) {
    this.provider = provider;
    this.regionId = regionId;
    this.mode = mode;
  }

  /**
   * @param options how to authenticate
   * @return the credentials, ready for {@link OciClients}
   * @throws OciAuthException saying what is missing (config file, profile, key file, token file, region, metadata
   *     service) and how to fix it; never containing a secret
   */
  public static OciAuth create(OciAuthOptions options) throws OciAuthException {
    BasicAuthenticationDetailsProvider provider = switch (options.mode()) {
      case CONFIG_FILE -> configFile(options);
      case INSTANCE_PRINCIPAL -> instancePrincipal(options);
      case RESOURCE_PRINCIPAL -> resourcePrincipal();
      case WORKLOAD_IDENTITY -> workloadIdentity(options);
    };
    return new OciAuth(provider, region(provider, options), options.mode());
  }

  /** @return the full region id of these credentials (from the provider, else {@code --region}), e.g. {@code us-phoenix-1} */
  public String regionId() {
    return regionId;
  }

  /** @return how these credentials were obtained */
  public OciAuthOptions.Mode mode() {
    return mode;
  }

  /** @return the SDK provider; only for clients in this package */
  BasicAuthenticationDetailsProvider provider() {
    return provider;
  }

  private static BasicAuthenticationDetailsProvider configFile(OciAuthOptions o) throws OciAuthException {
    Path path = o.configPath();
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new OciAuthException("OCI config file " + path + " does not exist or is not readable (set --oci-config,"
          + " or choose another --oci-auth)", null);
    }
    ConfigFileReader.ConfigFile config;
    try {
      config = ConfigFileReader.parse(path.toString(), o.profile());
    } catch (IOException e) {
      throw new OciAuthException("OCI config file " + path + " could not be read: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new OciAuthException("OCI config file " + path + " has no usable profile [" + o.profile() + "] (set"
          + " --oci-profile): " + e.getMessage(), e);
    }
    for (String entry : new String[] {"user", "tenancy", "fingerprint", "key_file"}) {
      if (config.get(entry) == null || config.get(entry).isBlank()) {
        throw new OciAuthException("profile [" + o.profile() + "] of " + path + " has no '" + entry + "'", null);
      }
    }
    Path keyFile = expandHome(config.get("key_file"));
    if (!Files.isRegularFile(keyFile) || !Files.isReadable(keyFile)) {
      throw new OciAuthException("key_file " + keyFile + " of profile [" + o.profile() + "] in " + path
          + " does not exist or is not readable", null);
    }
    try {
      return new ConfigFileAuthenticationDetailsProvider(config);
    } catch (RuntimeException e) {
      throw new OciAuthException("profile [" + o.profile() + "] of " + path + " is not usable: " + e.getMessage(), e);
    }
  }

  private static BasicAuthenticationDetailsProvider instancePrincipal(OciAuthOptions o) throws OciAuthException {
    var builder = InstancePrincipalsAuthenticationDetailsProvider.builder()
        .detectEndpointRetries(0).timeoutForEachRetry(METADATA_CONNECT_TIMEOUT_MILLIS);
    if (o.metadataBaseUrl() != null) {
      builder.metadataBaseUrl(o.metadataBaseUrl());
    }
    try {
      return builder.build();
    } catch (RuntimeException e) {
      throw new OciAuthException("instance principal credentials are not available (is this an OCI compute"
          + " instance in a dynamic group, with the metadata service reachable?): " + e.getMessage(), e);
    }
  }

  private static BasicAuthenticationDetailsProvider resourcePrincipal() throws OciAuthException {
    try {
      return ResourcePrincipalAuthenticationDetailsProvider.builder().build();
    } catch (RuntimeException e) {
      throw new OciAuthException("resource principal credentials are not available (the OCI_RESOURCE_PRINCIPAL_*"
          + " environment variables are missing or invalid): " + e.getMessage(), e);
    }
  }

  private static BasicAuthenticationDetailsProvider workloadIdentity(OciAuthOptions o) throws OciAuthException {
    Path token = o.serviceAccountTokenPath();
    if (!Files.isRegularFile(token) || !Files.isReadable(token)) {
      throw new OciAuthException("workload identity needs the Kubernetes service account token " + token
          + ", which does not exist or is not readable (is automountServiceAccountToken off?)", null);
    }
    String host = System.getenv("KUBERNETES_SERVICE_HOST");
    if (host == null || host.isBlank()) {
      throw new OciAuthException("workload identity only works inside a Kubernetes pod:"
          + " KUBERNETES_SERVICE_HOST is not set", null);
    }
    var builder = OkeWorkloadIdentityAuthenticationDetailsProvider.builder().tokenPath(token.toString())
        .detectEndpointRetries(0).timeoutForEachRetry(METADATA_CONNECT_TIMEOUT_MILLIS);
    if (o.metadataBaseUrl() != null) {
      builder.metadataBaseUrl(o.metadataBaseUrl());
    }
    if (o.region() != null) {
      Region region = knownRegion(o.region());
      builder.federationEndpoint("https://auth." + region.getRegionId() + "." + region.getRealm().getSecondLevelDomain());
    }
    try {
      return builder.build();
    } catch (RuntimeException e) {
      throw new OciAuthException("OKE workload identity credentials are not available: " + e.getMessage(), e);
    }
  }

  private static String region(BasicAuthenticationDetailsProvider provider, OciAuthOptions o)
      throws OciAuthException {
    Region fromProvider = null;
    if (provider instanceof RegionProvider rp) {
      try {
        fromProvider = rp.getRegion();
      } catch (RuntimeException e) {
        fromProvider = null;
      }
    }
    if (fromProvider != null) {
      return fromProvider.getRegionId();
    }
    if (o.region() != null) {
      return knownRegion(o.region()).getRegionId();
    }
    throw new OciAuthException("no OCI region: the " + o.mode().flag() + " credentials name none; set --region"
        + (o.mode() == OciAuthOptions.Mode.CONFIG_FILE ? " or 'region' in profile [" + o.profile() + "]" : ""), null);
  }

  private static Region knownRegion(String regionIdOrCode) throws OciAuthException {
    try {
      return Region.fromRegionCodeOrId(regionIdOrCode.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new OciAuthException("--region '" + regionIdOrCode + "' is not a region known to the OCI SDK", e);
    }
  }

  private static Path expandHome(String file) {
    String f = file.strip();
    if (f.equals("~") || f.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + f.substring(1));
    }
    return Path.of(f);
  }
}
