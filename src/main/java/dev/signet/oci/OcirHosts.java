package dev.signet.oci;

import com.oracle.bmc.Region;
import dev.signet.image.ImageReference;
import dev.signet.image.OcirRepository;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps OCI Container Registry (OCIR) hosts to regions through the OCI SDK's {@link Region} table.
 *
 * <p>OCIR documents two host names per region ("Availability by Region" in the Container Registry
 * docs): {@code <region-code>.ocir.io} (e.g. {@code phx.ocir.io}) and
 * {@code ocir.<region-id>.oci.<second-level-domain>} (e.g. {@code ocir.us-phoenix-1.oci.oraclecloud.com}).
 * Only these two forms are recognised, with an optional explicit {@code :443} port (the HTTPS default,
 * so the same registry); other spellings (a region id before {@code .ocir.io}, a region code in the long
 * form, another realm's domain, other ports) are not OCIR. A region unknown to the SDK (and not registered
 * through its {@code regions-config.json} / {@code OCI_REGION_METADATA}) is not OCIR either.
 *
 * <p>The canonical spelling, used for policy matching, is {@code <region-code>.ocir.io} in lower case.
 */
public final class OcirHosts {
  private static final String SHORT_SUFFIX = ".ocir.io";
  private static final String LONG_PREFIX = "ocir.";
  private static final String LONG_MIDDLE = ".oci.";
  private static final String HTTPS_PORT = ":443";

  private OcirHosts() {}

  /**
   * Finds the OCIR repository an image reference names.
   *
   * @param ref a parsed reference (its registry is already lower-case)
   * @return the region, canonical host, tenancy namespace (first path segment) and repository name (the
   *     rest of the path); empty when the host is not an OCIR host, or when the path has fewer than two
   *     segments and so names no {@code <tenancy-namespace>/<repository>} (use {@link #isOcirHost} to tell
   *     the two apart)
   */
  public static Optional<OcirRepository> locate(ImageReference ref) {
    Optional<Region> region = region(ref.registry());
    int slash = ref.repository().indexOf('/');
    if (region.isEmpty() || slash <= 0 || slash == ref.repository().length() - 1) {
      return Optional.empty();
    }
    Region r = region.get();
    return Optional.of(new OcirRepository(r.getRegionId(), r.getRegionCode(), shortHost(r),
        ref.repository().substring(0, slash), ref.repository().substring(slash + 1)));
  }

  /**
   * @param host a registry host, with port if any (any case)
   * @return true when it is one of the two OCIR host forms of a region the SDK knows
   */
  public static boolean isOcirHost(String host) {
    return region(host).isPresent();
  }

  /**
   * @param host a registry host, with port if any (any case)
   * @return {@code <region-code>.ocir.io} (lower case) for either OCIR form of a known region; any other host
   *     unchanged
   */
  public static String canonicalHost(String host) {
    return region(host).map(OcirHosts::shortHost).orElse(host);
  }

  /**
   * Every spelling of one registry host, so that a glob with a wildcard host can be matched against each.
   *
   * @param host a registry host, with port if any (any case)
   * @return for an OCIR host of a known region: {@code <region-code>.ocir.io} then
   *     {@code ocir.<region-id>.oci.<second-level-domain>} (lower case); for any other host: just the host
   */
  public static List<String> spellings(String host) {
    return region(host).map(r -> shortHost(r).equals(longHost(r)) ? List.of(shortHost(r))
        : List.of(shortHost(r), longHost(r))).orElse(List.of(host));
  }

  /**
   * @param ref a parsed reference
   * @return the reference with its registry replaced by the canonical OCIR host; the same reference when
   *     the registry is not an OCIR host or is already canonical
   */
  public static ImageReference canonicalise(ImageReference ref) {
    String canonical = canonicalHost(ref.registry());
    return canonical.equals(ref.registry()) ? ref : ref.withRegistry(canonical);
  }

  /**
   * @param host a registry host, with port if any (any case)
   * @return the SDK region the host belongs to, or empty when it is not an OCIR host
   */
  static Optional<Region> region(String host) {
    if (host == null) {
      return Optional.empty();
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(HTTPS_PORT)) {
      h = h.substring(0, h.length() - HTTPS_PORT.length());
    }
    if (h.endsWith(SHORT_SUFFIX)) {
      String code = h.substring(0, h.length() - SHORT_SUFFIX.length());
      return lookup(code).filter(r -> code.equals(r.getRegionCode()));
    }
    if (h.startsWith(LONG_PREFIX)) {
      int middle = h.indexOf(LONG_MIDDLE, LONG_PREFIX.length());
      if (middle < 0) {
        return Optional.empty();
      }
      String id = h.substring(LONG_PREFIX.length(), middle);
      String domain = h.substring(middle + LONG_MIDDLE.length());
      return lookup(id).filter(r -> id.equals(r.getRegionId()) && r.getRealm() != null
          && domain.equals(r.getRealm().getSecondLevelDomain()));
    }
    return Optional.empty();
  }

  private static Optional<Region> lookup(String codeOrId) {
    if (codeOrId.isEmpty() || !codeOrId.chars().allMatch(c -> c == '-' || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9'))) {
      return Optional.empty();
    }
    try {
      return Optional.of(Region.fromRegionCodeOrId(codeOrId));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** {@code <region-code>.ocir.io}; the long form for a region registered without a code. */
  private static String shortHost(Region r) {
    if (r.getRegionCode() == null || r.getRegionCode().isEmpty()) {
      return longHost(r);
    }
    return r.getRegionCode().toLowerCase(Locale.ROOT) + SHORT_SUFFIX;
  }

  /** {@code ocir.<region-id>.oci.<second-level-domain>}. */
  private static String longHost(Region r) {
    return (LONG_PREFIX + r.getRegionId() + LONG_MIDDLE + r.getRealm().getSecondLevelDomain()).toLowerCase(Locale.ROOT);
  }
}
