package dev.signet.verify;

/** Short forms of long identifiers for verdict messages (full values stay in the per-signature outcomes). */
final class Texts {
  private static final int DIGEST_HEX_SHOWN = 12;
  private static final int OCID_TAIL_SHOWN = 8;

  private Texts() {}

  /**
   * @param value a digest ({@code sha256:<hex>}), an OCID or any other text; may be {@code null}
   * @return digests cut to 12 hex characters ({@code sha256:0123456789ab…}) and OCIDs to their type and
   *     the last 8 characters of their unique part ({@code ocid1.keyversion…84ce1dc0}); other text unchanged
   */
  static String shorten(String value) {
    if (value == null) {
      return "null";
    }
    if (value.startsWith("sha256:") || value.startsWith("sha512:")) {
      int cut = value.indexOf(':') + 1 + DIGEST_HEX_SHOWN;
      return value.length() > cut + 1 ? value.substring(0, cut) + "…" : value;
    }
    if (value.startsWith("ocid1.")) {
      int typeEnd = value.indexOf('.', "ocid1.".length());
      String tail = value.substring(value.lastIndexOf('.') + 1);
      if (typeEnd > 0 && tail.length() > OCID_TAIL_SHOWN + 4) {
        return value.substring(0, typeEnd) + "…" + tail.substring(tail.length() - OCID_TAIL_SHOWN);
      }
    }
    return value;
  }

  /** @return {@code "1 signature"} or {@code "<n> signatures"} */
  static String signatures(long n) {
    return n + (n == 1 ? " signature" : " signatures");
  }
}
