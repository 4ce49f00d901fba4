package dev.signet.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one policy trusts: where to look for images and signatures, which keys, versions and
 * algorithms count, and how many distinct keys must have signed.
 *
 * @param compartmentId compartment OCID searched for images and signatures
 * @param compartmentIdInSubtree whether sub-compartments are searched too
 * @param keys trusted keys (at least one)
 * @param signingAlgorithms allowed signing algorithms (never empty: defaults to the four PSS ones)
 * @param threshold distinct trusted keys that must have a valid signature (at least 1)
 */
public record TrustSet(String compartmentId, boolean compartmentIdInSubtree, List<TrustedKey> keys,
    Set<String> signingAlgorithms, int threshold) {

  /** The four algorithms OCI image signatures may use. */
  public static final Set<String> PSS_ALGORITHMS = Set.of("SHA_224_RSA_PKCS_PSS", "SHA_256_RSA_PKCS_PSS",
      "SHA_384_RSA_PKCS_PSS", "SHA_512_RSA_PKCS_PSS");

  /** Copies collections; an empty algorithm set becomes {@link #PSS_ALGORITHMS}. */
  public TrustSet {
    keys = List.copyOf(keys);
    signingAlgorithms = signingAlgorithms == null || signingAlgorithms.isEmpty()
        ? PSS_ALGORITHMS : Set.copyOf(signingAlgorithms);
  }

  /**
   * @param kmsKeyId a key OCID
   * @return the trusted key with that OCID, or {@code null}
   */
  public TrustedKey key(String kmsKeyId) {
    for (TrustedKey k : keys) {
      if (k.kmsKeyId().equals(kmsKeyId)) {
        return k;
      }
    }
    return null;
  }

  /**
   * A stable hash over everything that can change a verdict (DESIGN §7): compartment, subtree flag,
   * keys, versions, crypto endpoints, algorithms and threshold. Used in verdict cache keys.
   *
   * @return lower-case hex SHA-256
   */
  public String hash() {
    StringBuilder sb = new StringBuilder();
    sb.append(compartmentId).append('\n').append(compartmentIdInSubtree).append('\n').append(threshold).append('\n');
    new TreeSet<>(signingAlgorithms).forEach(a -> sb.append("alg=").append(a).append('\n'));
    keys.stream().map(k -> "key=" + k.kmsKeyId() + "|" + new TreeSet<>(k.kmsKeyVersionIds()) + "|" + k.cryptoEndpoint())
        .sorted().forEach(s -> sb.append(s).append('\n'));
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
