package dev.signet.policy;

import java.util.Map;

/**
 * A compiled Kubernetes {@code LabelSelector} (matchLabels and matchExpressions with In, NotIn,
 * Exists, DoesNotExist). An empty selector selects every namespace.
 * TODO(helper A): implement compile from fabric8's LabelSelector with tests.
 */
public final class NamespaceSelector {
  /** Selects every namespace. */
  public static final NamespaceSelector ALL = new NamespaceSelector();

  private NamespaceSelector() {}

  /**
   * @param labels the namespace's labels (never null)
   * @return true when the selector selects a namespace with those labels
   */
  public boolean matches(Map<String, String> labels) {
    return true;
  }
}
