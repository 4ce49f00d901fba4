package dev.signet.policy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns a policy object as the API server holds it (a {@link GenericKubernetesResource}, or its JSON) into a
 * typed resource and a {@link CompiledPolicy}, never throwing. An object whose spec cannot be read into the Java
 * model (a string where a number belongs, an unknown field) compiles as an invalid Enforce policy whose problem
 * names the field; the globs of {@code spec.images} that are still readable are kept so that it fails closed.
 */
public final class PolicyReader {
  /** The resource as fabric8's generic client addresses it (cluster-scoped). */
  public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
      .withGroup(ClusterImageSignaturePolicy.GROUP).withVersion(ClusterImageSignaturePolicy.VERSION)
      .withKind(ClusterImageSignaturePolicy.KIND).withPlural("clusterimagesignaturepolicies").withNamespaced(false)
      .build();

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static {
    SERIALIZATION.registerKubernetesResource(ClusterImageSignaturePolicy.class);
  }

  private PolicyReader() {}

  /**
   * A policy object read from the cluster or an admission request.
   *
   * @param resource the typed resource; its spec is {@code null} when the spec could not be read
   * @param compiled the compiled policy ({@link CompiledPolicy#problems()} says what is wrong)
   */
  public record ReadPolicy(ClusterImageSignaturePolicy resource, CompiledPolicy compiled) {}

  /**
   * @param json a policy object as JSON text
   * @return the read policy; text that is not a JSON object compiles as invalid with problem {@code object}
   */
  public static ReadPolicy read(String json) {
    GenericKubernetesResource generic;
    try {
      generic = SERIALIZATION.unmarshal(json, GenericKubernetesResource.class);
    } catch (RuntimeException e) {
      generic = null;
    }
    if (generic == null) {
      ClusterImageSignaturePolicy empty = new ClusterImageSignaturePolicy();
      return new ReadPolicy(empty, unreadable(empty, List.of(), new PolicyProblem("object", "is not a JSON object")));
    }
    return read(generic);
  }

  /**
   * @param generic a policy object as fabric8's generic client returns it
   * @return the read policy
   */
  public static ReadPolicy read(GenericKubernetesResource generic) {
    try {
      ClusterImageSignaturePolicy policy = SERIALIZATION.convertValue(generic, ClusterImageSignaturePolicy.class);
      return new ReadPolicy(policy, PolicyCompiler.compile(policy));
    } catch (RuntimeException e) {
      ClusterImageSignaturePolicy partial = new ClusterImageSignaturePolicy();
      partial.setMetadata(generic.getMetadata() == null ? new ObjectMeta() : generic.getMetadata());
      partial.setStatus(status(generic));
      PolicyProblem problem = problem(e);
      return new ReadPolicy(partial, unreadable(partial, images(generic), problem));
    }
  }

  /**
   * @param policy a typed policy
   * @return it as a generic resource (for the status subresource)
   */
  public static GenericKubernetesResource toGeneric(ClusterImageSignaturePolicy policy) {
    return SERIALIZATION.convertValue(policy, GenericKubernetesResource.class);
  }

  /**
   * @param status a status
   * @return it as compact JSON
   */
  public static String toJson(ClusterImageSignaturePolicyStatus status) {
    return SERIALIZATION.asJson(status);
  }

  private static CompiledPolicy unreadable(ClusterImageSignaturePolicy partial, List<String> globs,
      PolicyProblem problem) {
    ObjectMeta meta = partial.getMetadata();
    String name = meta == null || meta.getName() == null || meta.getName().isBlank() ? PolicyCompiler.UNNAMED
        : meta.getName();
    long generation = meta == null || meta.getGeneration() == null ? 0 : meta.getGeneration();
    List<ImageGlob> images = new ArrayList<>();
    for (String g : globs) {
      try {
        images.add(ImageGlob.compile(g));
      } catch (IllegalArgumentException e) {
        // reported by the main problem already: the spec is unreadable
      }
    }
    return new CompiledPolicy(name, generation, PolicyMode.Enforce, images, null, NamespaceSelector.ALL, false,
        List.of(problem));
  }

  private static List<String> images(GenericKubernetesResource generic) {
    Object spec = generic.getAdditionalProperties().get("spec");
    if (spec instanceof Map<?, ?> m && m.get("images") instanceof List<?> list) {
      return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return List.of();
  }

  private static ClusterImageSignaturePolicyStatus status(GenericKubernetesResource generic) {
    Object status = generic.getAdditionalProperties().get("status");
    if (status == null) {
      return null;
    }
    try {
      return SERIALIZATION.convertValue(status, ClusterImageSignaturePolicyStatus.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static PolicyProblem problem(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JacksonException j) {
        String field = j.getPath().stream()
            .map(r -> r.getPropertyName() != null ? "." + r.getPropertyName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining()).replaceFirst("^\\.", "");
        String why = j instanceof UnrecognizedPropertyException ? "unknown field" : "cannot be read ("
            + firstLine(j.getOriginalMessage()) + ")";
        return new PolicyProblem(field.isEmpty() ? "spec" : field, why);
      }
    }
    return new PolicyProblem("spec", "cannot be read (" + firstLine(e.getMessage()) + ")");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() <= 200 ? line : line.substring(0, 200) + "…";
  }
}
