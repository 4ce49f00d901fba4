package dev.signet.image;

/** Thrown when an image reference does not follow the Docker reference grammar; the message says why. */
public class InvalidReferenceException extends Exception {
  private final String reference;

  /**
   * @param reference the reference as written
   * @param reason what is wrong with it
   */
  public InvalidReferenceException(String reference, String reason) {
    super("invalid image reference '" + reference + "': " + reason);
    this.reference = reference;
  }

  /** @return the reference as written */
  public String reference() {
    return reference;
  }
}
