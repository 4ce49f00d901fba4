package dev.signet.verify;

/** The registry has no image with the requested tag in the repository (reason {@code ImageNotFound}). */
public class ImageNotFoundException extends Exception {
  /** @param message which repository and tag were not found */
  public ImageNotFoundException(String message) {
    super(message);
  }
}
