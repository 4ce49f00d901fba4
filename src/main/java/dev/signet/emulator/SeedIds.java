package dev.signet.emulator;

/**
 * Deterministic OCIDs and digests for seed entries that do not give their own. {@code H(s)} is
 * {@link DemoSeed#h(String)}; with the demo seed's names these give exactly the ids of DESIGN §9.
 */
final class SeedIds {
  static final String DEFAULT_VAULT = "bbdemovault1a";

  private SeedIds() {}

  static String compartment(String name) {
    return "ocid1.compartment.oc1.." + h60("compartment:" + name);
  }

  static String key(String regionCode, String vault, String name) {
    return "ocid1.key.oc1." + regionCode + "." + vault + "." + h60("key:" + name);
  }

  static String keyVersion(String regionCode, String vault, String keyName, int number) {
    return "ocid1.keyversion.oc1." + regionCode + ".0." + vault + "." + h60("keyversion:" + keyName + ":" + number);
  }

  static String digest(String repository, String firstTag) {
    return "sha256:" + DemoSeed.h(repository + ":" + firstTag);
  }

  static String tenancy(String namespace) {
    return "ocid1.tenancy.oc1.." + h60("tenancy:" + namespace);
  }

  static String user(String namespace) {
    return "ocid1.user.oc1.." + h60("user:emulator:" + namespace);
  }

  static String repository(String regionCode, String namespace, String name) {
    return "ocid1.containerrepo.oc1." + regionCode + ".0." + namespace + "." + h60("repository:" + name);
  }

  static String image(String regionCode, String namespace, String repository, String digest) {
    return "ocid1.containerimage.oc1." + regionCode + ".0." + namespace + "." + h60("image:" + repository + "@" + digest);
  }

  static String signature(String regionCode, String namespace, String seedOrSerial) {
    return "ocid1.containerimagesignature.oc1." + regionCode + ".0." + namespace + "."
        + h60("signature:" + seedOrSerial);
  }

  static String h60(String s) {
    return DemoSeed.h(s).substring(0, 60);
  }
}
