package dev.signet.policy;

import dev.signet.verify.TrustSet;
import java.util.List;
import java.util.Map;

/**
 * A {@code ClusterImageSignaturePolicy} compiled once per generation into an immutable value. Only
 * compiled policies reach the admission path.
 *
 * @param name the policy's {@code metadata.name}
 * @param generation the policy's {@code metadata.generation} (0 for file policies without one)
 * @param mode Enforce or Audit
 * @param images the valid image globs (invalid ones are left out and reported in {@code problems})
 * @param trust the trust set, or {@code null} when the spec's trust part is invalid
 * @param namespaceSelector which namespaces the policy applies to
 * @param pinDigests whether verified references are pinned to their digest by {@code /mutate}
 * @param problems what is wrong with the spec; empty when valid
 */
public record CompiledPolicy(String name, long generation, PolicyMode mode, List<ImageGlob> images, TrustSet trust,
    NamespaceSelector namespaceSelector, boolean pinDigests, List<PolicyProblem> problems) {

  /** Copies the lists. */
  public CompiledPolicy {
    images = List.copyOf(images);
    problems = List.copyOf(problems);
  }

  /** @return true when the spec had no problems */
  public boolean valid() {
    return problems.isEmpty();
  }

  /**
   * @param canonicalName the normalised image name {@code host/repository} with the OCIR host canonicalised
   * @return true when one of the policy's valid globs matches
   */
  public boolean matchesImage(String canonicalName) {
    for (ImageGlob g : images) {
      if (g.matches(canonicalName)) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param namespaceLabels the labels of the namespace the object lives in
   * @return true when the policy's namespace selector selects it
   */
  public boolean selectsNamespace(Map<String, String> namespaceLabels) {
    return namespaceSelector.matches(namespaceLabels);
  }
}
