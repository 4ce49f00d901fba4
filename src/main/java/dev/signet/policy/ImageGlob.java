package dev.signet.policy;

import dev.signet.oci.OcirHosts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An image glob on the normalised name ({@code host/path}, never the tag or digest): {@code *} matches
 * within one segment, {@code **} (a whole segment) any number of segments including none, {@code ?} one
 * character other than {@code /}. The whole name must match, so the host is anchored: {@code *.ocir.io/**}
 * never matches {@code evil.com/x.ocir.io/app}.
 *
 * <p>Globs are normalised like image references (Docker reference grammar): a literal first segment that is
 * not a host (no {@code .} or {@code :}, not {@code localhost}, lower case) is a Docker Hub path, so
 * {@code nginx} means {@code docker.io/library/nginx} and {@code bitnami/*} means {@code docker.io/bitnami/*};
 * under {@code docker.io} a one-segment path other than {@code **} gets {@code library/} as image names do
 * ({@code docker.io/*} means {@code docker.io/library/*});
 * a literal host is lower-cased, {@code index.docker.io} becomes {@code docker.io}, and a literal OCIR host
 * is canonicalised with {@link OcirHosts#canonicalHost}. A wildcard host is matched against every spelling
 * of the image's registry ({@link OcirHosts#spellings}), so both OCIR host forms of a region match it.
 */
public final class ImageGlob {
  private static final int MAX_LENGTH = 512;
  private static final String ANY_SEGMENTS = "**";

  private final String pattern;
  private final List<String> segments;
  private final boolean wildcardHost;

  private ImageGlob(String pattern, List<String> segments) {
    this.pattern = pattern;
    this.segments = List.copyOf(segments);
    this.wildcardHost = hasWildcard(segments.get(0));
  }

  /**
   * @param pattern the glob as written, e.g. {@code phx.ocir.io/demotenancy/**}
   * @return the compiled glob
   * @throws IllegalArgumentException with the reason when the glob is malformed (empty, whitespace, a tag or
   *     digest, empty segments, {@code **} inside a segment, upper case in the path, a bare one-segment
   *     wildcard)
   */
  public static ImageGlob compile(String pattern) {
    checkCharacters(pattern);
    List<String> segs = new ArrayList<>(List.of(pattern.split("/", -1)));
    for (String s : segs) {
      checkSegment(pattern, s);
    }
    if (segs.size() == 1 && !segs.get(0).equals(ANY_SEGMENTS)) {
      if (hasWildcard(segs.get(0))) {
        throw bad(pattern, "a one-segment glob with wildcards is ambiguous; write <host>/<path> (e.g. "
            + "docker.io/library/" + segs.get(0) + ") or ** for every image");
      }
      segs.add(0, "docker.io");
      segs.add(1, "library");
    } else if (!segs.get(0).equals(ANY_SEGMENTS)) {
      normaliseHost(pattern, segs);
    }
    for (int i = 1; i < segs.size(); i++) {
      checkPathSegment(pattern, segs.get(i));
    }
    return new ImageGlob(pattern, collapse(segs));
  }

  /** @return the glob as written */
  public String pattern() {
    return pattern;
  }

  /** @return the normalised glob that is matched, e.g. {@code docker.io/library/nginx} for {@code nginx} */
  public String normalised() {
    return String.join("/", segments);
  }

  /**
   * @param canonicalName {@code host/repository} of a parsed reference, normally with its OCIR host already
   *     canonicalised (an uncanonical OCIR host is canonicalised here too)
   * @return true when the glob matches the whole name
   */
  public boolean matches(String canonicalName) {
    if (canonicalName == null || canonicalName.isEmpty()) {
      return false;
    }
    String[] name = canonicalName.split("/", -1);
    String host = OcirHosts.canonicalHost(name[0]);
    List<String> hosts = wildcardHost || segments.get(0).equals(ANY_SEGMENTS) ? OcirHosts.spellings(host)
        : List.of(host);
    for (String h : hosts) {
      name[0] = h;
      if (matchSegments(name)) {
        return true;
      }
    }
    return false;
  }

  /** Dynamic programming over segments: {@code dp[i][j]} = glob segments i.. match name segments j... */
  private boolean matchSegments(String[] name) {
    int g = segments.size();
    int n = name.length;
    boolean[][] dp = new boolean[g + 1][n + 1];
    dp[g][n] = true;
    for (int i = g - 1; i >= 0; i--) {
      String seg = segments.get(i);
      for (int j = n; j >= 0; j--) {
        if (seg.equals(ANY_SEGMENTS)) {
          dp[i][j] = dp[i + 1][j] || (j < n && dp[i][j + 1]);
        } else {
          dp[i][j] = j < n && dp[i + 1][j + 1] && matchSegment(seg, name[j]);
        }
      }
    }
    return dp[0][0];
  }

  /** Wildcard match within one segment ({@code *} any run, {@code ?} one character), backtracking to the last star. */
  static boolean matchSegment(String glob, String text) {
    int g = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == text.charAt(t))) {
        g++;
        t++;
      } else if (g < glob.length() && glob.charAt(g) == '*') {
        star = g++;
        mark = t;
      } else if (star >= 0) {
        g = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (g < glob.length() && glob.charAt(g) == '*') {
      g++;
    }
    return g == glob.length();
  }

  private static void checkCharacters(String pattern) {
    if (pattern == null || pattern.isEmpty()) {
      throw new IllegalArgumentException("image glob is empty");
    }
    if (pattern.length() > MAX_LENGTH) {
      throw bad(pattern, "longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw bad(pattern, "contains whitespace at position " + i);
      }
      if (c < 0x20 || c > 0x7e) {
        throw bad(pattern, "contains a control or non-ASCII character at position " + i);
      }
    }
    if (pattern.indexOf('@') >= 0) {
      throw bad(pattern, "globs match the image name (host/path), not a digest; remove '@...'");
    }
  }

  private static void checkSegment(String pattern, String seg) {
    if (seg.isEmpty()) {
      throw bad(pattern, "has an empty segment (leading, trailing or double '/')");
    }
    if (seg.contains(ANY_SEGMENTS) && !seg.equals(ANY_SEGMENTS)) {
      throw bad(pattern, "'**' must be a whole segment (found '" + seg + "')");
    }
  }

  private static void normaliseHost(String pattern, List<String> segs) {
    String first = segs.get(0);
    if (!first.chars().allMatch(c -> Character.isLetterOrDigit(c) || ".-:[]*?".indexOf(c) >= 0)) {
      throw bad(pattern, "host '" + first + "' may hold only letters, digits, '.', '-', ':', '[', ']', '*' and '?'");
    }
    if (hasWildcard(first)) {
      segs.set(0, first.toLowerCase(Locale.ROOT));
      return;
    }
    boolean isHost = first.equals("localhost") || first.indexOf('.') >= 0 || first.indexOf(':') >= 0
        || !first.toLowerCase(Locale.ROOT).equals(first);
    if (!isHost) {
      segs.add(0, "docker.io");
    } else {
      String host = first.toLowerCase(Locale.ROOT);
      segs.set(0, host.equals("index.docker.io") ? "docker.io" : OcirHosts.canonicalHost(host));
    }
    if (segs.get(0).equals("docker.io") && segs.size() == 2 && !segs.get(1).equals(ANY_SEGMENTS)) {
      segs.add(1, "library");
    }
  }

  private static void checkPathSegment(String pattern, String seg) {
    if (seg.indexOf(':') >= 0) {
      throw bad(pattern, "globs match the image name (host/path), not a tag; remove ':"
          + seg.substring(seg.indexOf(':') + 1) + "'");
    }
    if (!seg.toLowerCase(Locale.ROOT).equals(seg)) {
      throw bad(pattern, "repository path segment '" + seg + "' has upper case; image paths are always lower-case");
    }
    if (!seg.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "._-*?".indexOf(c) >= 0)) {
      throw bad(pattern, "path segment '" + seg + "' may hold only a-z, 0-9, '.', '_', '-', '*' and '?'");
    }
  }

  /** Consecutive {@code **} segments mean the same as one. */
  private static List<String> collapse(List<String> segs) {
    List<String> out = new ArrayList<>();
    for (String s : segs) {
      if (!(s.equals(ANY_SEGMENTS) && !out.isEmpty() && out.get(out.size() - 1).equals(ANY_SEGMENTS))) {
        out.add(s);
      }
    }
    return out;
  }

  private static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
  }

  private static IllegalArgumentException bad(String pattern, String reason) {
    return new IllegalArgumentException("image glob '" + pattern + "' " + reason);
  }

  /** Globs are equal when written the same. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ImageGlob g && g.pattern.equals(pattern);
  }

  @Override
  public int hashCode() {
    return pattern.hashCode();
  }

  /** @return the glob as written */
  @Override
  public String toString() {
    return pattern;
  }
}
