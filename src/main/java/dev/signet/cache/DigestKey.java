package dev.signet.cache;

import dev.signet.image.OcirRepository;

/**
 * Key of the digest cache (DESIGN §7): everything a tag lookup depends on.
 *
 * @param regionId registry region id, e.g. {@code us-phoenix-1}
 * @param tenancyNamespace tenancy namespace
 * @param repositoryName repository name without the namespace
 * @param tag the tag (case kept)
 * @param compartmentId compartment searched
 * @param compartmentIdInSubtree whether sub-compartments are searched
 */
public record DigestKey(String regionId, String tenancyNamespace, String repositoryName, String tag,
    String compartmentId, boolean compartmentIdInSubtree) {

  /**
   * @param repository the OCIR repository
   * @param tag the tag
   * @param compartmentId compartment searched
   * @param inSubtree whether sub-compartments are searched
   * @return the key
   */
  public static DigestKey of(OcirRepository repository, String tag, String compartmentId, boolean inSubtree) {
    return new DigestKey(repository.regionId(), repository.tenancyNamespace(), repository.repositoryName(), tag,
        compartmentId, inSubtree);
  }
}
