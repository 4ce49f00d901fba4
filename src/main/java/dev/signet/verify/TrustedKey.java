package dev.signet.verify;

import java.util.Set;

/**
 * A Vault master encryption key a policy trusts.
 *
 * @param kmsKeyId key OCID ({@code ocid1.key.<realm>.<region>.<vaultExt>.<id>})
 * @param kmsKeyVersionIds pinned key version OCIDs; empty means any version
 * @param cryptoEndpoint override of the crypto endpoint derived from the key OCID, or {@code null}
 */
public record TrustedKey(String kmsKeyId, Set<String> kmsKeyVersionIds, String cryptoEndpoint) {
  /** Copies the version set; {@code null} versions become an empty set. */
  public TrustedKey {
    kmsKeyVersionIds = kmsKeyVersionIds == null ? Set.of() : Set.copyOf(kmsKeyVersionIds);
    cryptoEndpoint = cryptoEndpoint == null || cryptoEndpoint.isBlank() ? null : cryptoEndpoint;
  }

  /** @return true when this key accepts signatures by the given key version */
  public boolean acceptsVersion(String kmsKeyVersionId) {
    return kmsKeyVersionIds.isEmpty() || kmsKeyVersionIds.contains(kmsKeyVersionId);
  }
}
