package dev.signet.oci;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * How Signet authenticates to OCI (DESIGN §8: {@code --oci-auth}, {@code --oci-config}, {@code --oci-profile},
 * {@code --region}).
 *
 * @param mode the kind of credentials
 * @param configPath OCI config file for {@link Mode#CONFIG_FILE}; {@code null} means {@code ~/.oci/config}
 * @param profile profile in that file; {@code null} means {@code DEFAULT}
 * @param region region id or code used when the provider gives none; may be {@code null}
 * @param metadataBaseUrl instance metadata service base URL for {@link Mode#INSTANCE_PRINCIPAL} and
 *     {@link Mode#WORKLOAD_IDENTITY}; {@code null} means the SDK default {@code http://169.254.169.254/opc/v2/}
 *     (tests point it at a closed local port)
 * @param serviceAccountTokenPath Kubernetes service account token for {@link Mode#WORKLOAD_IDENTITY};
 *     {@code null} means {@code /var/run/secrets/kubernetes.io/serviceaccount/token}
 */
public record OciAuthOptions(Mode mode, Path configPath, String profile, String region, String metadataBaseUrl,
    Path serviceAccountTokenPath) {

  /** Default Kubernetes service account token path. */
  public static final Path DEFAULT_TOKEN_PATH = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

  /** Fills defaults: mode {@code config-file}, {@code ~/.oci/config}, profile {@code DEFAULT}, token path. */
  public OciAuthOptions {
    mode = mode == null ? Mode.CONFIG_FILE : mode;
    configPath = configPath == null ? Path.of(System.getProperty("user.home"), ".oci", "config") : configPath;
    profile = profile == null || profile.isBlank() ? "DEFAULT" : profile;
    region = region == null || region.isBlank() ? null : region.strip();
    metadataBaseUrl = metadataBaseUrl == null || metadataBaseUrl.isBlank() ? null : metadataBaseUrl;
    serviceAccountTokenPath = serviceAccountTokenPath == null ? DEFAULT_TOKEN_PATH : serviceAccountTokenPath;
  }

  /**
   * @param configPath OCI config file, or {@code null} for {@code ~/.oci/config}
   * @param profile profile, or {@code null} for {@code DEFAULT}
   * @param region fallback region, or {@code null}
   * @return options for config-file authentication
   */
  public static OciAuthOptions configFile(Path configPath, String profile, String region) {
    return new OciAuthOptions(Mode.CONFIG_FILE, configPath, profile, region, null, null);
  }

  /** The kinds of credentials (the values of {@code --oci-auth}). */
  public enum Mode {
    /** API key from an OCI config file. */
    CONFIG_FILE("config-file"),
    /** Instance principal of the compute instance (instance metadata service). */
    INSTANCE_PRINCIPAL("instance-principal"),
    /** Resource principal from the {@code OCI_RESOURCE_PRINCIPAL_*} environment (functions, jobs). */
    RESOURCE_PRINCIPAL("resource-principal"),
    /** OKE workload identity of the pod's Kubernetes service account. */
    WORKLOAD_IDENTITY("workload-identity");

    private final String flag;

    Mode(String flag) {
      this.flag = flag;
    }

    /** @return the flag value, e.g. {@code config-file} */
    public String flag() {
      return flag;
    }

    /**
     * @param value a flag value such as {@code instance-principal} (case-insensitive)
     * @return the mode
     * @throws IllegalArgumentException listing the accepted values
     */
    public static Mode parse(String value) {
      String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
      return Arrays.stream(values()).filter(m -> m.flag.equals(v)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("--oci-auth '" + value
              + "' is not one of config-file, instance-principal, resource-principal, workload-identity"));
    }
  }
}
