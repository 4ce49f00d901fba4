package dev.signet.verify;

import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;

/** Resolves a tag to the digest it points to now (DESIGN §3 "Tag → digest"). */
public interface DigestResolver {
  /**
   * @param repository the OCIR repository
   * @param tag the tag, e.g. {@code v1.0}
   * @param compartmentId compartment OCID to search
   * @param compartmentIdInSubtree whether to search sub-compartments too
   * @return the digest, {@code sha256:<64 hex>}
   * @throws ImageNotFoundException when no image in exactly this repository carries the tag
   * @throws BackendException when OCIR could not answer
   */
  Digest resolve(OcirRepository repository, String tag, String compartmentId, boolean compartmentIdInSubtree)
      throws ImageNotFoundException, BackendException;
}
