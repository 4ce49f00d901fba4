package dev.signet.image;

/** Docker reference grammar parser. TODO(helper A): implement fully with table-driven tests. */
final class ImageReferenceParser {
  private ImageReferenceParser() {}

  static ImageReference parse(String reference) throws InvalidReferenceException {
    throw new InvalidReferenceException(String.valueOf(reference), "parser not implemented yet");
  }
}
