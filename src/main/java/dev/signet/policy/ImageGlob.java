package dev.signet.policy;

/**
 * An image glob on the normalised name ({@code host/path}): {@code *} within one segment,
 * {@code **} any number of segments, {@code ?} one character; the host is anchored.
 * TODO(helper A): implement compile/matches with tests; canonicalise literal OCIR hosts.
 */
public final class ImageGlob {
  private final String pattern;

  private ImageGlob(String pattern) {
    this.pattern = pattern;
  }

  /**
   * @param pattern the glob as written
   * @return the compiled glob
   * @throws IllegalArgumentException when the glob is malformed
   */
  public static ImageGlob compile(String pattern) {
    return new ImageGlob(pattern);
  }

  /** @return the glob as written */
  public String pattern() {
    return pattern;
  }

  /**
   * @param canonicalName {@code host/repository}
   * @return true when it matches
   */
  public boolean matches(String canonicalName) {
    return false;
  }

  @Override
  public String toString() {
    return pattern;
  }
}
