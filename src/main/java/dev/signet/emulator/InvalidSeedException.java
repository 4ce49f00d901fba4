package dev.signet.emulator;

/** An emulator seed that cannot be read or is not valid; the message names the source and the problem. */
public final class InvalidSeedException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong, starting with the seed's source */
  public InvalidSeedException(String message) {
    super(message);
  }
}
