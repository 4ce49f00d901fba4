package dev.signet.admission;

import java.util.Locale;

/** The server-wide {@code --mode} (DESIGN §6): whether denials of pod-carrying objects are enforced. */
public enum ServerMode {
  /** Deny what the policies deny. */
  ENFORCE,
  /** Turn every deny of a pod-carrying object into a warning plus audit annotation. */
  AUDIT;

  /**
   * @param value {@code enforce} or {@code audit}, any case
   * @return the mode
   * @throws IllegalArgumentException for any other value
   */
  public static ServerMode parse(String value) {
    return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
      case "enforce" -> ENFORCE;
      case "audit" -> AUDIT;
      default -> throw new IllegalArgumentException("mode must be enforce or audit, got '" + value + "'");
    };
  }

  /** @return {@code enforce} or {@code audit}, as written on the command line and in metrics */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
