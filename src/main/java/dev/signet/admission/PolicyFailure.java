package dev.signet.admission;

import dev.signet.policy.PolicyMode;
import dev.signet.verify.ReasonCode;

/**
 * One policy that an image failed.
 *
 * @param policy the policy name, or {@code null} for the global {@code noMatchAction} or a reference that
 *     could not be parsed
 * @param mode the policy's own mode (Enforce or Audit)
 * @param reason the reason code
 * @param text a short explanation, without the image or the code
 */
public record PolicyFailure(String policy, PolicyMode mode, ReasonCode reason, String text) {}
