package dev.signet.image;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A content digest of an image manifest, as in the OCI image spec: {@code <algorithm>:<hex>}.
 * Only {@code sha256} (64 lower-case hex characters) and {@code sha512} (128) are accepted.
 *
 * @param algorithm {@code sha256} or {@code sha512}
 * @param hex lower-case hex encoding of the digest bytes
 */
public record Digest(String algorithm, String hex) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SHA512 = Pattern.compile("[0-9a-f]{128}");

  /** Validates the components; throws {@link IllegalArgumentException} when they do not form a digest. */
  public Digest {
    if (!isValid(algorithm, hex)) {
      throw new IllegalArgumentException("not a digest: " + algorithm + ":" + hex);
    }
  }

  /**
   * Parses {@code sha256:<64 hex>} or {@code sha512:<128 hex>}.
   *
   * @param text the digest text
   * @return the digest
   * @throws IllegalArgumentException with a readable message when the text is not a digest
   */
  public static Digest parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("digest is missing");
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("digest '" + text + "' has no algorithm (expected sha256:<64 hex>)");
    }
    String algorithm = text.substring(0, colon);
    String hex = text.substring(colon + 1);
    if (!isValid(algorithm, hex)) {
      throw new IllegalArgumentException("digest '" + text
          + "' is not sha256:<64 lower-case hex> or sha512:<128 lower-case hex>");
    }
    return new Digest(algorithm, hex);
  }

  private static boolean isValid(String algorithm, String hex) {
    if (algorithm == null || hex == null) {
      return false;
    }
    return switch (algorithm.toLowerCase(Locale.ROOT).equals(algorithm) ? algorithm : "") {
      case "sha256" -> SHA256.matcher(hex).matches();
      case "sha512" -> SHA512.matcher(hex).matches();
      default -> false;
    };
  }

  /** @return {@code <algorithm>:<hex>}, e.g. {@code sha256:0123…} */
  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
