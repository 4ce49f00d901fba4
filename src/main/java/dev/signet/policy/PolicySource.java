package dev.signet.policy;

import java.util.List;

/** Where compiled policies come from: a file, the built-in demo policy, or the cluster (informer). */
public interface PolicySource {
  /** @return the current compiled policies (an immutable snapshot) */
  List<CompiledPolicy> policies();

  /** @return true once the source has loaded its first full set of policies */
  default boolean ready() {
    return true;
  }
}
