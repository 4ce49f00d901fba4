package dev.signet.policy;

/** How a policy acts on failures. */
public enum PolicyMode {
  /** Deny images that fail. */
  Enforce,
  /** Admit, but warn and record. */
  Audit
}
