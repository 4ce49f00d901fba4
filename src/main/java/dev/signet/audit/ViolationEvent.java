package dev.signet.audit;

import dev.signet.verify.ReasonCode;

/**
 * One Audit-mode failure found at admission, to be recorded as an Event on its policy.
 *
 * @param policy the policy name
 * @param image the image as written in the spec
 * @param digest the digest ({@code sha256:<64 hex>}), or {@code null} when unresolved
 * @param reason the reason code
 * @param text the short explanation
 * @param objectKind the requesting object's kind, e.g. {@code Deployment}
 * @param objectNamespace its namespace
 * @param objectName its name ({@code generateName} prefix when it has no name yet)
 * @param operation CREATE or UPDATE
 */
record ViolationEvent(String policy, String image, String digest, ReasonCode reason, String text, String objectKind,
    String objectNamespace, String objectName, String operation) {

  /** @return the event message, at most 1024 characters */
  String message() {
    String s = "Audit: " + objectKind + " " + objectNamespace + "/" + objectName + " (" + operation
        + ") would be denied: " + image + " (" + (digest == null ? "unresolved" : digest) + "): " + reason + ": "
        + text;
    return s.length() <= 1024 ? s : s.substring(0, 1023) + "…";
  }
}
