package dev.signet.emulator;

import java.util.List;

/**
 * A fault the emulator injects into one OCI operation (DESIGN §9), as posted to
 * {@code POST /_emulator/faults}: {@code {"operation":"Verify","status":429,"latencyMs":0,"count":3}}.
 *
 * @param operation OCI operation name, one of {@link #OPERATIONS}
 * @param status HTTP status to answer with (400-599, with the matching OCI error body), or 0 to only delay
 * @param latencyMs delay before answering, in milliseconds (0-60000)
 * @param count how many requests it affects, or -1 for every request until cleared
 */
public record EmulatorFault(String operation, int status, long latencyMs, int count) {
  /** The OCI operation names the emulator serves (and counts in its stats). */
  public static final List<String> OPERATIONS = List.of("ListContainerImages", "GetContainerImage",
      "ListContainerImageSignatures", "GetContainerImageSignature", "CreateContainerImageSignature",
      "DeleteContainerImageSignature", "Sign", "Verify");

  /**
   * @throws IllegalArgumentException when a field is out of range; the message names it
   */
  public EmulatorFault {
    if (operation == null || !OPERATIONS.contains(operation)) {
      throw new IllegalArgumentException("operation must be one of " + OPERATIONS);
    }
    if (status != 0 && (status < 400 || status > 599)) {
      throw new IllegalArgumentException("status must be 0 (latency only) or an HTTP error status 400-599");
    }
    if (latencyMs < 0 || latencyMs > 60_000) {
      throw new IllegalArgumentException("latencyMs must be between 0 and 60000");
    }
    if (count != -1 && count < 1) {
      throw new IllegalArgumentException("count must be -1 (until cleared) or at least 1");
    }
  }
}
