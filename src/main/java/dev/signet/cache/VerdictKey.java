package dev.signet.cache;

import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;
import dev.signet.verify.TrustSet;

/**
 * Key of the verdict cache (DESIGN §7). The trust-set hash covers compartment, subtree flag, keys,
 * versions, crypto endpoints, algorithms and threshold, so an edited policy never reuses a verdict.
 *
 * @param regionId registry region id, e.g. {@code us-phoenix-1}
 * @param tenancyNamespace tenancy namespace
 * @param repositoryName repository name without the namespace
 * @param digest the image digest
 * @param trustHash {@link TrustSet#hash()} of the policy's trust set
 */
public record VerdictKey(String regionId, String tenancyNamespace, String repositoryName, Digest digest,
    String trustHash) {

  /**
   * @param repository the OCIR repository
   * @param digest the image digest
   * @param trust the policy's trust set
   * @return the key
   */
  public static VerdictKey of(OcirRepository repository, Digest digest, TrustSet trust) {
    return new VerdictKey(repository.regionId(), repository.tenancyNamespace(), repository.repositoryName(), digest,
        trust.hash());
  }
}
