package dev.signet.admission;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How the admission handler decides (DESIGN §6 and §8).
 *
 * @param excludedNamespaces namespaces allowed untouched, Signet's own included
 * @param mode the server's {@code --mode}
 * @param deadline the internal deadline bounding every admission (default 8 s; below the webhook's
 *     {@code timeoutSeconds})
 */
public record AdmissionSettings(Set<String> excludedNamespaces, ServerMode mode, Duration deadline) {
  /** The namespaces excluded when {@code --excluded-namespaces} is not given. */
  public static final List<String> DEFAULT_EXCLUDED = List.of("kube-system", "kube-public", "kube-node-lease");
  /** The default internal deadline. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(8);

  /**
   * Copies the set; checks the values.
   *
   * @throws IllegalArgumentException when the deadline is not positive
   */
  public AdmissionSettings {
    excludedNamespaces = Set.copyOf(excludedNamespaces);
    if (mode == null) {
      throw new IllegalArgumentException("mode is required");
    }
    if (deadline == null || deadline.isZero() || deadline.isNegative()) {
      throw new IllegalArgumentException("deadline must be positive, got " + deadline);
    }
  }

  /**
   * @return the defaults: {@link #DEFAULT_EXCLUDED} plus {@code POD_NAMESPACE} from the environment, enforce, 8 s
   */
  public static AdmissionSettings defaults() {
    return new AdmissionSettings(excludedNamespaces(null, System.getenv("POD_NAMESPACE")), ServerMode.ENFORCE,
        DEFAULT_DEADLINE);
  }

  /**
   * @param configured the {@code --excluded-namespaces} list, or {@code null} for {@link #DEFAULT_EXCLUDED}; blank
   *     entries are ignored, entries are trimmed
   * @param ownNamespace Signet's own namespace (env {@code POD_NAMESPACE}), or null/blank when unknown; it always
   *     stays excluded
   * @return the effective excluded set
   */
  public static Set<String> excludedNamespaces(Collection<String> configured, String ownNamespace) {
    Set<String> out = new LinkedHashSet<>();
    for (String ns : configured == null ? DEFAULT_EXCLUDED : configured) {
      if (ns != null && !ns.isBlank()) {
        out.add(ns.trim());
      }
    }
    if (ownNamespace != null && !ownNamespace.isBlank()) {
      out.add(ownNamespace.trim());
    }
    return out;
  }
}
