package dev.signet.admission;

import java.util.Locale;

/** What an admission response decided, as used in logs and the {@code decision} metric label (DESIGN §11). */
public enum Decision {
  /** Admitted with nothing to report. */
  ALLOW,
  /** Refused ({@code allowed: false}). */
  DENY,
  /** Admitted with warnings and the violations audit annotation. */
  WARN;

  /** @return {@code allow}, {@code deny} or {@code warn} */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
