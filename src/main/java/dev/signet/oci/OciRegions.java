package dev.signet.oci;

import com.oracle.bmc.Region;
import java.util.Locale;
import java.util.Optional;

/**
 * Region names through the OCI SDK's {@link Region} table (codes such as {@code phx}, ids such as
 * {@code us-phoenix-1}).
 */
public final class OciRegions {
  private OciRegions() {}

  /**
   * @param codeOrId a region code ({@code phx}) or id ({@code us-phoenix-1}), any case
   * @return the full region id, e.g. {@code us-phoenix-1}
   * @throws IllegalArgumentException when the SDK does not know the region
   */
  public static String regionId(String codeOrId) {
    if (codeOrId == null || codeOrId.isBlank()) {
      throw new IllegalArgumentException("a region is required");
    }
    try {
      return Region.fromRegionCodeOrId(codeOrId.strip().toLowerCase(Locale.ROOT)).getRegionId();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + codeOrId + "' is not a region known to the OCI SDK", e);
    }
  }

  /**
   * Reads the region of a regional OCID, {@code ocid1.<type>.<realm>.<region>.<unique>} (the region segment is
   * a code or an id).
   *
   * @param ocid an OCID, e.g. {@code ocid1.containerimage.oc1.phx.0.ns.aaaa…}
   * @return its full region id; empty for a non-regional OCID (empty region segment) or an unknown region
   */
  public static Optional<String> regionOfOcid(String ocid) {
    if (ocid == null) {
      return Optional.empty();
    }
    String[] parts = ocid.split("\\.", -1);
    if (parts.length < 5 || !parts[0].startsWith("ocid") || parts[3].isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(regionId(parts[3]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
