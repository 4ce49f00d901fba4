package dev.signet.audit;

import java.util.Locale;

/**
 * The outcome of one (container image, policy) pair in an audit, as in the {@code wgpolicyk8s.io} PolicyReport
 * result vocabulary.
 */
public enum AuditResult {
  /** The policy verified the image. */
  PASS,
  /** An Enforce policy (or {@code noMatchAction: deny}) would deny the image: a violation. */
  FAIL,
  /** An Audit policy (or {@code noMatchAction: warn}) fails the image: reported, not a violation. */
  WARN,
  /** The image could not be evaluated ({@code BackendError}). */
  ERROR,
  /** No policy matches the image and {@code noMatchAction} is {@code allow}. */
  SKIP;

  /** @return {@code pass}, {@code fail}, {@code warn}, {@code error} or {@code skip} */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
