package dev.signet.emulator;

/**
 * The OCI API signing key the emulator generates at start and accepts (what an
 * {@code ~/.oci/config} profile holds).
 *
 * @param tenancyId tenancy OCID
 * @param userId user OCID
 * @param fingerprint MD5 fingerprint of the public key, lower-case hex pairs joined by {@code :}
 * @param privateKeyPem the RSA private key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----})
 * @param region region id, e.g. {@code us-phoenix-1}
 */
public record ApiKey(String tenancyId, String userId, String fingerprint, String privateKeyPem, String region) {

  /** @return the HTTP-signature {@code keyId}: {@code <tenancy>/<user>/<fingerprint>} */
  public String keyId() {
    return tenancyId + "/" + userId + "/" + fingerprint;
  }

  /** Keeps the private key out of logs and exception messages. */
  @Override
  public String toString() {
    return "ApiKey[keyId=" + keyId() + ", region=" + region + "]";
  }
}
