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
 * <p>OCIR serves one registry per region under several host names ("Availability by Region" in the
 * Container Registry docs, and DESIGN §3): {@code <region-code>.ocir.io} ({@code phx.ocir.io}),
 * {@code <region-id>.ocir.io} ({@code us-phoenix-1.ocir.io}), {@code ocir.<region-id>.oci.<domain>} and
 * {@code artifacts.<region-id>.oci.<domain>} (the domain being the region's realm's second-level domain,
 * e.g. {@code oraclecloud.com}). Every one of them is recognised (the region part may be the code or the id),
 * with an optional explicit {@code :443} port, so that a policy written for one spelling can never be
 * bypassed with another. A domain other than the region's realm's is never OCIR (it could serve other
 * content under the same tag), and neither is a region unknown to the SDK (and not registered through its
 * {@code regions-config.json} / {@code OCI_REGION_METADATA}) or any other port.
 *
 * <p>The canonical spelling, used for policy matching, is {@code <region-code>.ocir.io} in lower case.
 */
public final class OcirHosts {
  private static final String SHORT_SUFFIX = ".ocir.io";
  private static final List<String> LONG_PREFIXES = List.of("ocir.", "artifacts.");
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
   * @return for an OCIR host of a known region: the canonical {@code <region-code>.ocir.io} first, then
   *     {@code <region-id>.ocir.io}, {@code ocir.<region-id>.oci.<domain>} and
   *     {@code artifacts.<region-id>.oci.<domain>} (lower case); for any other host: just the host
   */
  public static List<String> spellings(String host) {
    return region(host).map(OcirHosts::allHosts).orElse(List.of(host));
  }

  private static List<String> allHosts(Region r) {
    java.util.LinkedHashSet<String> hosts = new java.util.LinkedHashSet<>();
    hosts.add(shortHost(r));
    hosts.add(r.getRegionId().toLowerCase(Locale.ROOT) + SHORT_SUFFIX);
    for (String prefix : LONG_PREFIXES) {
      hosts.add((prefix + r.getRegionId() + LONG_MIDDLE + r.getRealm().getSecondLevelDomain()).toLowerCase(Locale.ROOT));
    }
    return List.copyOf(hosts);
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
      return lookup(h.substring(0, h.length() - SHORT_SUFFIX.length()));
    }
    for (String prefix : LONG_PREFIXES) {
      if (h.startsWith(prefix)) {
        int middle = h.indexOf(LONG_MIDDLE, prefix.length());
        if (middle < 0) {
          return Optional.empty();
        }
        String domain = h.substring(middle + LONG_MIDDLE.length());
        return lookup(h.substring(prefix.length(), middle))
            .filter(r -> r.getRealm() != null && domain.equals(r.getRealm().getSecondLevelDomain()));
      }
    }
    return Optional.empty();
  }

  /** The SDK region whose code or id is exactly {@code codeOrId} (the SDK also guesses; a guess is not OCIR). */
  private static Optional<Region> lookup(String codeOrId) {
    if (codeOrId.isEmpty() || !codeOrId.chars().allMatch(c -> c == '-' || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9'))) {
      return Optional.empty();
    }
    try {
      return Optional.of(Region.fromRegionCodeOrId(codeOrId)).filter(r -> codeOrId.equals(r.getRegionId())
          || codeOrId.equalsIgnoreCase(r.getRegionCode()));
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
    return (LONG_PREFIXES.get(0) + r.getRegionId() + LONG_MIDDLE + r.getRealm().getSecondLevelDomain())
        .toLowerCase(Locale.ROOT);
  }
}
