package dev.signet.sign;

import dev.signet.image.Digest;
import dev.signet.image.OcirRepository;

/**
 * Which image {@code signet sign} signs: a registry reference ({@code --image}) or an image OCID
 * ({@code --image-id}).
 */
public sealed interface SignTarget {
  /**
   * An image named by reference; a tag is resolved to its digest first.
   *
   * @param repository the OCIR repository of the reference
   * @param tag the tag, or {@code null} when {@code digest} is given
   * @param digest the digest written in the reference, or {@code null}
   */
  record ByReference(OcirRepository repository, String tag, Digest digest) implements SignTarget {}

  /**
   * An image named by its OCID; repository, digest and compartment are read with {@code GetContainerImage}.
   *
   * @param imageId {@code ocid1.containerimage.…}
   */
  record ById(String imageId) implements SignTarget {}
}
