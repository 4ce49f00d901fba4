package dev.signet.image;

/**
 * A parsed and normalised container image reference (Docker reference grammar, DESIGN §4 step 1).
 *
 * @param original the reference exactly as written in the pod spec
 * @param registry lower-cased registry host (with port if any); {@code docker.io} by default
 * @param repository lower-case repository path; {@code library/} prefixed for one-segment Docker Hub names
 * @param tag the tag as written (may hold upper case); {@code latest} when neither tag nor digest was given;
 *     {@code null} when only a digest was given
 * @param digest the digest, or {@code null}; when present it is what the runtime pulls and the tag is ignored
 */
public record ImageReference(String original, String registry, String repository, String tag, Digest digest) {

  /**
   * Parses and normalises a reference.
   *
   * @param reference the reference as written, e.g. {@code phx.ocir.io/ns/app:v1.0}
   * @return the normalised reference
   * @throws InvalidReferenceException with a clear reason when the reference is not valid
   */
  public static ImageReference parse(String reference) throws InvalidReferenceException {
    return ImageReferenceParser.parse(reference);
  }

  /** @return {@code registry/repository}, the name policy globs are matched against */
  public String name() {
    return registry + "/" + repository;
  }

  /** @return true when the reference pins a digest */
  public boolean hasDigest() {
    return digest != null;
  }

  /**
   * @param host the replacement registry host
   * @return this reference with another registry host (e.g. the canonical OCIR host)
   */
  public ImageReference withRegistry(String host) {
    return new ImageReference(original, host, repository, tag, digest);
  }

  /** @return the normalised form {@code registry/repository[:tag][@digest]} */
  @Override
  public String toString() {
    return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }
}
