package dev.signet.policy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A compiled Kubernetes {@code LabelSelector} (matchLabels and matchExpressions with In, NotIn, Exists,
 * DoesNotExist), with the API server's semantics: all terms must hold; {@code NotIn} and
 * {@code DoesNotExist} hold when the label is absent. A null or empty selector selects every namespace.
 * Keys and values are validated as Kubernetes does ({@code ValidateLabelSelector}).
 */
public final class NamespaceSelector {
  /** Selects every namespace. */
  public static final NamespaceSelector ALL = new NamespaceSelector(Map.of(), List.of());

  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

  private final Map<String, String> matchLabels;
  private final List<Requirement> requirements;

  private NamespaceSelector(Map<String, String> matchLabels, List<Requirement> requirements) {
    this.matchLabels = Map.copyOf(matchLabels);
    this.requirements = List.copyOf(requirements);
  }

  private record Requirement(String key, String operator, Set<String> values) {
    boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return switch (operator) {
        case "In" -> v != null && values.contains(v);
        case "NotIn" -> v == null || !values.contains(v);
        case "Exists" -> labels.containsKey(key);
        default -> !labels.containsKey(key);
      };
    }
  }

  /**
   * @param selector a label selector from a policy spec, or null
   * @return the compiled selector; {@link #ALL} for null or an empty selector
   * @throws IllegalArgumentException listing every problem ({@code matchExpressions[0].operator: ...}) when
   *     a key, value or operator is invalid
   */
  public static NamespaceSelector compile(LabelSelector selector) {
    List<PolicyProblem> problems = validate(selector, "namespaceSelector");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.stream().map(PolicyProblem::toString)
          .collect(Collectors.joining("; ")));
    }
    if (selector == null) {
      return ALL;
    }
    Map<String, String> labels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    List<Requirement> reqs = new ArrayList<>();
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        reqs.add(new Requirement(r.getKey(), r.getOperator(),
            r.getValues() == null ? Set.of() : Set.copyOf(r.getValues())));
      }
    }
    return labels.isEmpty() && reqs.isEmpty() ? ALL : new NamespaceSelector(labels, reqs);
  }

  /**
   * Validates a selector as the Kubernetes API server does.
   *
   * @param selector the selector, or null (valid)
   * @param field the field path of the selector, e.g. {@code spec.namespaceSelector}
   * @return the problems, with field paths under {@code field}; empty when valid
   */
  public static List<PolicyProblem> validate(LabelSelector selector, String field) {
    List<PolicyProblem> problems = new ArrayList<>();
    if (selector == null) {
      return problems;
    }
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : new LinkedHashMap<>(selector.getMatchLabels()).entrySet()) {
        String path = field + ".matchLabels[" + e.getKey() + "]";
        checkKey(e.getKey(), path, problems);
        checkValue(e.getValue(), path, problems);
      }
    }
    List<LabelSelectorRequirement> exprs = selector.getMatchExpressions();
    for (int i = 0; exprs != null && i < exprs.size(); i++) {
      checkRequirement(exprs.get(i), field + ".matchExpressions[" + i + "]", problems);
    }
    return problems;
  }

  private static void checkRequirement(LabelSelectorRequirement r, String path, List<PolicyProblem> problems) {
    if (r == null) {
      problems.add(new PolicyProblem(path, "must not be null"));
      return;
    }
    checkKey(r.getKey(), path + ".key", problems);
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    String op = r.getOperator();
    if (op == null || !OPERATORS.contains(op)) {
      problems.add(new PolicyProblem(path + ".operator", (op == null ? "missing" : "unknown operator '" + op + "'")
          + "; use In, NotIn, Exists or DoesNotExist"));
    } else if ((op.equals("In") || op.equals("NotIn")) && values.isEmpty()) {
      problems.add(new PolicyProblem(path + ".values", "must be non-empty for operator " + op));
    } else if ((op.equals("Exists") || op.equals("DoesNotExist")) && !values.isEmpty()) {
      problems.add(new PolicyProblem(path + ".values", "must be empty for operator " + op));
    }
    for (int j = 0; j < values.size(); j++) {
      checkValue(values.get(j), path + ".values[" + j + "]", problems);
    }
  }

  private static void checkKey(String key, String path, List<PolicyProblem> problems) {
    if (key == null || key.isEmpty()) {
      problems.add(new PolicyProblem(path, "label key is empty"));
      return;
    }
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        problems.add(new PolicyProblem(path, "label key prefix '" + prefix
            + "' must be a lower-case DNS subdomain of at most 253 characters"));
      }
    }
    if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
      problems.add(new PolicyProblem(path, "label key name '" + name + "' must be 1-63 characters of letters,"
          + " digits, '-', '_' or '.', starting and ending with a letter or digit"));
    }
  }

  private static void checkValue(String value, String path, List<PolicyProblem> problems) {
    if (value == null) {
      problems.add(new PolicyProblem(path, "label value must not be null"));
    } else if (!value.isEmpty() && (value.length() > 63 || !NAME.matcher(value).matches())) {
      problems.add(new PolicyProblem(path, "label value '" + value + "' must be at most 63 characters of letters,"
          + " digits, '-', '_' or '.', starting and ending with a letter or digit"));
    }
  }

  /**
   * @param labels the namespace's labels (null is treated as no labels)
   * @return true when the selector selects a namespace with those labels
   */
  public boolean matches(Map<String, String> labels) {
    Map<String, String> l = labels == null ? Map.of() : labels;
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(l.get(e.getKey()))) {
        return false;
      }
    }
    for (Requirement r : requirements) {
      if (!r.matches(l)) {
        return false;
      }
    }
    return true;
  }

  /** @return true when this selector selects every namespace */
  public boolean selectsAll() {
    return matchLabels.isEmpty() && requirements.isEmpty();
  }

  /** Selectors are equal when they have the same labels and the same requirements in the same order. */
  @Override
  public boolean equals(Object o) {
    return o instanceof NamespaceSelector n && n.matchLabels.equals(matchLabels) && n.requirements.equals(requirements);
  }

  @Override
  public int hashCode() {
    return 31 * matchLabels.hashCode() + requirements.hashCode();
  }

  @Override
  public String toString() {
    if (selectsAll()) {
      return "all namespaces";
    }
    return "matchLabels=" + matchLabels + ", matchExpressions=" + requirements;
  }
}
