package dev.signet.admission;

import dev.signet.policy.PolicyMode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The evaluation of one image of an admitted object under every policy that matches it.
 *
 * @param image the reference exactly as written in the spec
 * @param digest the digest verified ({@code sha256:<64 hex>}), or {@code null} when unresolved
 * @param matchedPolicies names of the policies that matched the image (empty when none matched)
 * @param failures every failing policy, Enforce and Audit; empty when the image passed all
 * @param verified true when every matching policy verified the image (used for digest pinning)
 */
public record ImageResult(String image, String digest, List<String> matchedPolicies, List<PolicyFailure> failures,
    boolean verified) {

  /** Copies the lists. */
  public ImageResult {
    matchedPolicies = List.copyOf(matchedPolicies);
    failures = List.copyOf(failures);
  }

  /** @return true when an Enforce failure (or {@code noMatchAction: deny}) denies the image */
  public boolean denied() {
    return failures.stream().anyMatch(f -> f.mode() == PolicyMode.Enforce);
  }

  /** @return true when there is any failure at all */
  public boolean failed() {
    return !failures.isEmpty();
  }

  /**
   * The message part for this image under the given failures (DESIGN §6):
   * {@code <image> (<digest or "unresolved">): <ReasonCode>: <text>}; several policies are joined with
   * {@code ", "} and each names its policy.
   *
   * @param onlyEnforce true to describe only Enforce failures (a denial), false for all (warnings)
   * @return the part, or {@code ""} when nothing to describe
   */
  public String part(boolean onlyEnforce) {
    List<PolicyFailure> fs = failures.stream()
        .filter(f -> !onlyEnforce || f.mode() == PolicyMode.Enforce).toList();
    if (fs.isEmpty()) {
      return "";
    }
    String prefix = image + " (" + (digest == null ? "unresolved" : digest) + "): ";
    if (fs.size() == 1) {
      return prefix + describe(fs.get(0));
    }
    return prefix + fs.stream().map(ImageResult::describe).collect(Collectors.joining(", "));
  }

  private static String describe(PolicyFailure f) {
    String s = f.reason() + ": " + f.text();
    return f.policy() == null ? s : s + " (policy " + f.policy() + ")";
  }
}
