package dev.signet.image;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parser for the Docker reference grammar as implemented by {@code github.com/distribution/reference}
 * ({@code ParseNormalizedNamed}): {@code [host[:port]/]path[:tag][@digest]}.
 *
 * <p>Normalisation follows distribution: the first path segment is a registry host when it contains
 * {@code .} or {@code :}, is {@code localhost}, or holds upper case; otherwise the registry is
 * {@code docker.io} and one-segment names get the {@code library/} prefix. {@code index.docker.io} is
 * Docker Hub's legacy name and becomes {@code docker.io}. On top of distribution, the host is lower-cased
 * (DNS names are case-insensitive), ports must lie in 1..65535 and digests must be {@code sha256} or
 * {@code sha512} (the only ones OCIR signatures can name).
 */
final class ImageReferenceParser {
  static final String DEFAULT_REGISTRY = "docker.io";
  static final String LEGACY_REGISTRY = "index.docker.io";
  static final String OFFICIAL_PREFIX = "library/";
  static final String DEFAULT_TAG = "latest";
  /** distribution's {@code NameTotalLengthMax}: registry + "/" + path. */
  static final int MAX_NAME_LENGTH = 255;

  private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern DOMAIN_COMPONENT = Pattern.compile("[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]");
  private static final Pattern IPV6 = Pattern.compile("\\[[a-fA-F0-9:]+]");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern HEX_ID = Pattern.compile("[a-f0-9]{64}");

  private ImageReferenceParser() {}

  static ImageReference parse(String reference) throws InvalidReferenceException {
    checkCharacters(reference);
    String ref = reference;
    if (HEX_ID.matcher(ref).matches()) {
      throw invalid(ref, "a 64-character hex string is an image id, not a repository name");
    }
    Digest digest = null;
    int at = ref.indexOf('@');
    String nameAndTag = ref;
    if (at >= 0) {
      digest = parseDigest(ref, ref.substring(at + 1));
      nameAndTag = ref.substring(0, at);
    }
    String tag = null;
    int colon = nameAndTag.lastIndexOf(':');
    if (colon > nameAndTag.lastIndexOf('/')) {
      tag = nameAndTag.substring(colon + 1);
      nameAndTag = nameAndTag.substring(0, colon);
      checkTag(ref, tag);
    }
    if (nameAndTag.isEmpty()) {
      throw invalid(ref, "repository name is missing");
    }
    String[] split = splitRegistry(nameAndTag);
    String registry = checkRegistry(ref, split[0]);
    String path = split[1];
    checkPath(ref, path);
    if (registry.equals(DEFAULT_REGISTRY) && path.indexOf('/') < 0) {
      path = OFFICIAL_PREFIX + path;
    }
    int nameLength = registry.length() + 1 + path.length();
    if (nameLength > MAX_NAME_LENGTH) {
      throw invalid(ref, "name '" + registry + "/" + path + "' is " + nameLength
          + " characters long; at most " + MAX_NAME_LENGTH + " are allowed");
    }
    if (tag == null && digest == null) {
      tag = DEFAULT_TAG;
    }
    return new ImageReference(reference, registry, path, tag, digest);
  }

  private static void checkCharacters(String ref) throws InvalidReferenceException {
    if (ref == null || ref.isEmpty()) {
      throw invalid(String.valueOf(ref), "reference is empty");
    }
    for (int i = 0; i < ref.length(); i++) {
      char c = ref.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw invalid(ref, "reference contains whitespace at position " + i);
      }
      if (c < 0x20 || c == 0x7f) {
        throw invalid(ref, "reference contains a control character at position " + i);
      }
      if (c > 0x7e) {
        throw invalid(ref, "reference contains a non-ASCII character at position " + i);
      }
    }
  }

  /** Returns {registry-as-written, path}, distribution's {@code splitDockerDomain}. */
  private static String[] splitRegistry(String name) {
    int slash = name.indexOf('/');
    if (slash < 0) {
      return new String[] {DEFAULT_REGISTRY, name};
    }
    String first = name.substring(0, slash);
    boolean isHost = first.equals("localhost") || first.indexOf('.') >= 0 || first.indexOf(':') >= 0
        || !first.toLowerCase(Locale.ROOT).equals(first);
    if (!isHost) {
      return new String[] {DEFAULT_REGISTRY, name};
    }
    return new String[] {first, name.substring(slash + 1)};
  }

  private static String checkRegistry(String ref, String registry) throws InvalidReferenceException {
    String host = registry;
    String port = null;
    int colon = registry.lastIndexOf(':');
    if (colon >= 0 && colon > registry.lastIndexOf(']')) {
      host = registry.substring(0, colon);
      port = registry.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw invalid(ref, "registry host is empty in '" + registry + "'");
    }
    if (host.startsWith("[")) {
      if (!IPV6.matcher(host).matches()) {
        throw invalid(ref, "registry host '" + host + "' is not a valid bracketed IPv6 address");
      }
    } else {
      for (String label : host.split("\\.", -1)) {
        if (!DOMAIN_COMPONENT.matcher(label).matches()) {
          throw invalid(ref, "registry host '" + host + "' is not a valid host name"
              + (label.isEmpty() ? " (empty label)" : " (label '" + label + "')"));
        }
      }
    }
    if (port != null) {
      checkPort(ref, registry, port);
    }
    String lower = registry.toLowerCase(Locale.ROOT);
    return lower.equals(LEGACY_REGISTRY) ? DEFAULT_REGISTRY : lower;
  }

  private static void checkPort(String ref, String registry, String port) throws InvalidReferenceException {
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalid(ref, "port '" + port + "' of registry '" + registry + "' is not a number from 1 to 65535");
    }
    int p = Integer.parseInt(port);
    if (p < 1 || p > 65535) {
      throw invalid(ref, "port " + p + " of registry '" + registry + "' is not between 1 and 65535");
    }
  }

  private static void checkPath(String ref, String path) throws InvalidReferenceException {
    if (path.isEmpty()) {
      throw invalid(ref, "repository path is empty");
    }
    if (!path.toLowerCase(Locale.ROOT).equals(path)) {
      throw invalid(ref, "repository path '" + path + "' must be lower-case");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        throw invalid(ref, "repository path '" + path + "' has an empty segment");
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw invalid(ref, "repository path '" + path + "' has a '" + segment + "' segment");
      }
      if (!PATH_COMPONENT.matcher(segment).matches()) {
        throw invalid(ref, "repository path segment '" + segment + "' is not valid: use lower-case letters and"
            + " digits, separated by '.', '_', '__' or '-', starting and ending with a letter or digit");
      }
    }
  }

  private static void checkTag(String ref, String tag) throws InvalidReferenceException {
    if (tag.isEmpty()) {
      throw invalid(ref, "tag is empty after ':'");
    }
    if (tag.length() > 128) {
      throw invalid(ref, "tag is " + tag.length() + " characters long; at most 128 are allowed");
    }
    if (!TAG.matcher(tag).matches()) {
      throw invalid(ref, "tag '" + tag + "' is not valid: use letters, digits, '_', '.' and '-',"
          + " not starting with '.' or '-'");
    }
  }

  private static Digest parseDigest(String ref, String text) throws InvalidReferenceException {
    if (text.isEmpty()) {
      throw invalid(ref, "digest is empty after '@'");
    }
    int colon = text.indexOf(':');
    String algorithm = colon < 0 ? text : text.substring(0, colon);
    String hex = colon < 0 ? "" : text.substring(colon + 1);
    int expected = switch (algorithm) {
      case "sha256" -> 64;
      case "sha512" -> 128;
      default -> throw invalid(ref, colon < 0 ? "digest '" + text + "' has no algorithm (expected sha256:<64 hex>)"
          : "digest algorithm '" + algorithm + "' is not supported (use sha256 or sha512)");
    };
    if (hex.length() != expected) {
      throw invalid(ref, algorithm + " digest must have " + expected + " hex characters, found " + hex.length());
    }
    try {
      return Digest.parse(text);
    } catch (IllegalArgumentException e) {
      throw invalid(ref, e.getMessage());
    }
  }

  private static InvalidReferenceException invalid(String ref, String reason) {
    return new InvalidReferenceException(ref, reason);
  }
}
