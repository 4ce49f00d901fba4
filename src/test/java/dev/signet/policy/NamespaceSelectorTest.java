package dev.signet.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceSelectorTest {
  private static final Map<String, String> PROD_A = Map.of("env", "prod", "team", "a");
  private static final Map<String, String> DEV_B = Map.of("env", "dev", "team", "b");
  private static final Map<String, String> NONE = Map.of();

  private static LabelSelector expr(String key, String op, String... values) {
    return new LabelSelectorBuilder().addToMatchExpressions(new LabelSelectorRequirement(key, op, List.of(values)))
        .build();
  }

  @Test
  void nullAndEmptySelectorsSelectEveryNamespace() {
    assertSame(NamespaceSelector.ALL, NamespaceSelector.compile(null));
    NamespaceSelector empty = NamespaceSelector.compile(new LabelSelector());
    assertTrue(empty.selectsAll());
    assertTrue(empty.matches(NONE));
    assertTrue(empty.matches(null));
    assertTrue(NamespaceSelector.ALL.matches(PROD_A));
  }

  @Test
  void matchLabelsRequireEveryLabel() {
    NamespaceSelector s = NamespaceSelector.compile(new LabelSelectorBuilder()
        .addToMatchLabels("env", "prod").addToMatchLabels("team", "a").build());
    assertTrue(s.matches(PROD_A));
    assertFalse(s.matches(Map.of("env", "prod")));
    assertFalse(s.matches(DEV_B));
    assertFalse(s.matches(NONE));
  }

  @Test
  void inRequiresThePresentLabelToHaveOneOfTheValues() {
    NamespaceSelector s = NamespaceSelector.compile(expr("env", "In", "prod", "staging"));
    assertTrue(s.matches(PROD_A));
    assertTrue(s.matches(Map.of("env", "staging")));
    assertFalse(s.matches(DEV_B));
    assertFalse(s.matches(NONE));
  }

  @Test
  void notInAlsoSelectsNamespacesWithoutTheLabel() {
    NamespaceSelector s = NamespaceSelector.compile(expr("env", "NotIn", "dev"));
    assertTrue(s.matches(PROD_A));
    assertTrue(s.matches(NONE));
    assertFalse(s.matches(DEV_B));
  }

  @Test
  void existsAndDoesNotExistLookOnlyAtTheKey() {
    NamespaceSelector exists = NamespaceSelector.compile(expr("team", "Exists"));
    assertTrue(exists.matches(DEV_B));
    assertTrue(exists.matches(Map.of("team", "")));
    assertFalse(exists.matches(NONE));
    NamespaceSelector absent = NamespaceSelector.compile(expr("signet.dev/skip", "DoesNotExist"));
    assertTrue(absent.matches(PROD_A));
    assertFalse(absent.matches(Map.of("signet.dev/skip", "true")));
  }

  @Test
  void labelsAndExpressionsMustAllHold() {
    NamespaceSelector s = NamespaceSelector.compile(new LabelSelectorBuilder().addToMatchLabels("env", "prod")
        .addToMatchExpressions(new LabelSelectorRequirement("team", "NotIn", List.of("a"))).build());
    assertFalse(s.matches(PROD_A));
    assertTrue(s.matches(Map.of("env", "prod", "team", "c")));
  }

  @Test
  void rejectsUnknownOperatorsWithTheFieldPath() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NamespaceSelector.compile(expr("env", "in", "prod")));
    assertTrue(e.getMessage().contains("namespaceSelector.matchExpressions[0].operator: unknown operator 'in'"),
        e.getMessage());
  }

  @Test
  void validatesValuesPerOperatorLikeTheApiServer() {
    assertEquals(List.of(new PolicyProblem("spec.namespaceSelector.matchExpressions[0].values",
        "must be non-empty for operator In")), NamespaceSelector.validate(expr("env", "In"), "spec.namespaceSelector"));
    assertEquals(List.of(new PolicyProblem("spec.namespaceSelector.matchExpressions[0].values",
        "must be non-empty for operator NotIn")), NamespaceSelector.validate(expr("env", "NotIn"), "spec.namespaceSelector"));
    assertEquals("spec.namespaceSelector.matchExpressions[0].values", NamespaceSelector.validate(
        expr("env", "Exists", "x"), "spec.namespaceSelector").get(0).field());
    assertEquals("spec.namespaceSelector.matchExpressions[0].operator", NamespaceSelector.validate(
        new LabelSelectorBuilder().addToMatchExpressions(new LabelSelectorRequirement("env", null, null)).build(),
        "spec.namespaceSelector").get(0).field());
  }

  @Test
  void rejectsInvalidKeysAndValues() {
    List<PolicyProblem> p = NamespaceSelector.validate(new LabelSelectorBuilder()
        .addToMatchLabels("bad key", "v").addToMatchLabels("ok", "bad value!")
        .addToMatchExpressions(new LabelSelectorRequirement("Upper.Case/x", "In", List.of("-v"))).build(), "s");
    assertEquals(4, p.size(), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.field().equals("s.matchLabels[bad key]") && x.message().contains("key name")));
    assertTrue(p.stream().anyMatch(x -> x.field().equals("s.matchLabels[ok]") && x.message().contains("label value")));
    assertTrue(p.stream().anyMatch(x -> x.field().equals("s.matchExpressions[0].key") && x.message().contains("prefix")));
    assertTrue(p.stream().anyMatch(x -> x.field().equals("s.matchExpressions[0].values[0]")));
    assertTrue(NamespaceSelector.validate(new LabelSelectorBuilder().addToMatchLabels("k", "").build(), "s").isEmpty());
  }
}
