package dev.signet.admission;

/** What happens to an image that no policy matches (DESIGN §5, {@code --no-match-action}). */
public enum NoMatchAction {
  /** Admit silently (default). */
  ALLOW,
  /** Admit with a warning. */
  WARN,
  /** Deny. */
  DENY;

  /**
   * @param text {@code allow}, {@code warn} or {@code deny}, any case
   * @return the action
   * @throws IllegalArgumentException naming the allowed values
   */
  public static NoMatchAction parse(String text) {
    for (NoMatchAction a : values()) {
      if (a.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return a;
      }
    }
    throw new IllegalArgumentException("noMatchAction must be allow, warn or deny, not '" + text + "'");
  }
}
