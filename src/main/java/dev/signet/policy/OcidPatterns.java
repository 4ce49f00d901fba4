package dev.signet.policy;

/**
 * The OCID shapes a policy accepts, as anchored regular expressions valid both in Java and in the CRD's
 * OpenAPI schema (ECMA-262): the CRD generator copies them into {@code pattern}, and {@link PolicyCompiler}
 * checks the same expressions, so the API server and Signet refuse the same values.
 */
public final class OcidPatterns {
  /** A compartment or tenancy OCID: {@code ocid1.compartment.<realm>..<id>} or {@code ocid1.tenancy.<realm>..<id>}. */
  public static final String COMPARTMENT = "^ocid1\\.(compartment|tenancy)\\.[a-z0-9]+\\.\\.[a-z0-9]+$";
  /** A Vault master key OCID: {@code ocid1.key.<realm>.<region>.<vault>.<id>}. */
  public static final String KEY = "^ocid1\\.key\\.[a-z0-9]+\\.[a-z0-9-]+\\.[a-z0-9]+\\.[a-z0-9]+$";
  /** A Vault key version OCID: {@code ocid1.keyversion.<realm>.<region>[.<part>...].<id>}. */
  public static final String KEY_VERSION = "^ocid1\\.keyversion\\.[a-z0-9]+\\.[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z0-9]+$";

  private OcidPatterns() {}
}
