package dev.signet.policy;

/**
 * One thing wrong with a policy spec.
 *
 * @param field the field path, e.g. {@code spec.trustedKeys[1].kmsKeyId}
 * @param message what is wrong, e.g. {@code not a key OCID}
 */
public record PolicyProblem(String field, String message) {
  /** @return {@code <field>: <message>} */
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
