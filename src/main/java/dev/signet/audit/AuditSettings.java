package dev.signet.audit;

import dev.signet.admission.NoMatchAction;
import java.time.Duration;
import java.util.Set;

/**
 * How an audit evaluates.
 *
 * @param excludedNamespaces namespaces never audited (as for {@code serve}: the defaults plus Signet's own)
 * @param noMatchAction what images no policy matches get
 * @param objectTimeout how long the evaluation of one batch of images (up to 32 distinct images of one namespace)
 *     may take before they count as errors
 */
public record AuditSettings(Set<String> excludedNamespaces, NoMatchAction noMatchAction, Duration objectTimeout) {
  /**
   * Copies the set; checks the values.
   *
   * @throws IllegalArgumentException when the timeout is not positive or the action is missing
   */
  public AuditSettings {
    excludedNamespaces = Set.copyOf(excludedNamespaces);
    if (noMatchAction == null) {
      throw new IllegalArgumentException("noMatchAction is required");
    }
    if (objectTimeout == null || objectTimeout.isZero() || objectTimeout.isNegative()) {
      throw new IllegalArgumentException("object timeout must be positive, got " + objectTimeout);
    }
  }
}
