package dev.signet.policy;

import java.util.ArrayList;
import java.util.List;

/** A fixed set of policies, compiled once (for {@code serve --demo}, {@code verify} and tests). */
public final class StaticPolicySource implements PolicySource {
  private final List<CompiledPolicy> policies;

  /** @param policies compiled policies */
  public StaticPolicySource(List<CompiledPolicy> policies) {
    this.policies = List.copyOf(policies);
  }

  /**
   * @param resources policy resources; each is compiled with {@link PolicyCompiler}
   * @return a source serving the compiled policies, invalid ones included (they carry their problems)
   */
  public static StaticPolicySource of(List<ClusterImageSignaturePolicy> resources) {
    List<CompiledPolicy> compiled = new ArrayList<>();
    for (ClusterImageSignaturePolicy p : resources) {
      compiled.add(PolicyCompiler.compile(p));
    }
    return new StaticPolicySource(compiled);
  }

  /** @return a source serving only {@link DemoPolicy#policy()} */
  public static StaticPolicySource demo() {
    return of(List.of(DemoPolicy.policy()));
  }

  /** @return the fixed compiled policies */
  @Override
  public List<CompiledPolicy> policies() {
    return policies;
  }
}
