package dev.signet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** OCI authentication and endpoint flags shared by {@code serve}, {@code verify}, {@code sign} and {@code audit}. */
final class OciOptions {
  @Option(names = "--oci-auth", paramLabel = "MODE", defaultValue = "config-file",
      description = "config-file | instance-principal | resource-principal | workload-identity (default: ${DEFAULT-VALUE})")
  String auth;

  @Option(names = "--region", paramLabel = "REGION",
      description = "Client region when the auth provider gives none (id like us-phoenix-1 or code like phx)")
  String region;

  @Option(names = "--oci-config", paramLabel = "PATH", description = "OCI config file (default ~/.oci/config)")
  Path config;

  @Option(names = "--oci-profile", paramLabel = "NAME", defaultValue = "DEFAULT",
      description = "Profile in the OCI config file (default: ${DEFAULT-VALUE})")
  String profile;

  @Option(names = "--artifacts-endpoint", paramLabel = "[REGION=]URL", split = ",",
      description = "Artifacts API endpoint; without REGION= it serves every region. Repeatable.")
  List<String> artifactsEndpoints = new ArrayList<>();

  @Option(names = "--crypto-endpoint", paramLabel = "[KEY_OCID=]URL", split = ",",
      description = "Vault crypto endpoint for a key; without KEY_OCID= it serves every key. Repeatable.")
  List<String> cryptoEndpoints = new ArrayList<>();

  @Option(names = "--oci-connect-timeout", paramLabel = "DURATION", defaultValue = "2s",
      converter = DurationConverter.class, description = "Connect timeout for OCI calls (default: ${DEFAULT-VALUE})")
  java.time.Duration connectTimeout;

  @Option(names = "--oci-read-timeout", paramLabel = "DURATION", defaultValue = "5s",
      converter = DurationConverter.class, description = "Read timeout for OCI calls (default: ${DEFAULT-VALUE})")
  java.time.Duration readTimeout;
}
