package dev.signet.policy;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code ClusterImageSignaturePolicy} resources from multi-document YAML (the {@code --policy-file}
 * format, as {@code kubectl apply -f} takes it). Empty documents are skipped; a {@code v1 List} document
 * (as {@code kubectl get -o yaml} writes) is expanded. Unknown fields, duplicate keys and duplicate policy
 * names are errors, so that a typo can never silently weaken a policy. Documents are converted with
 * fabric8's {@link KubernetesSerialization}.
 */
public final class PolicyYaml {
  /** Largest policy file accepted, in bytes. */
  public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static {
    SERIALIZATION.registerKubernetesResource(ClusterImageSignaturePolicy.class);
  }

  private PolicyYaml() {}

  /**
   * @param file a YAML file of one or more policy documents
   * @return the policies in file order (not yet compiled)
   * @throws PolicyFileException naming the file (and document) when it cannot be read, is larger than
   *     {@link #MAX_FILE_BYTES}, is not YAML, holds no policy, or holds a document that is not a valid policy
   */
  public static List<ClusterImageSignaturePolicy> read(Path file) throws PolicyFileException {
    return read(file, readBytes(file));
  }

  /** Parses bytes already read from {@code file} (see {@link #readBytes}). */
  static List<ClusterImageSignaturePolicy> read(Path file, byte[] bytes) throws PolicyFileException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new PolicyFileException("policy file " + file + " is not UTF-8 text", e);
    }
    return read(text, "policy file " + file);
  }

  /**
   * @param yaml multi-document YAML text
   * @param source how to name the text in errors, e.g. {@code policy file /etc/signet/policies.yaml}
   * @return the policies in document order (not yet compiled)
   * @throws PolicyFileException naming the source and document when the text is not YAML, holds no policy,
   *     or holds a document that is not a valid policy
   */
  public static List<ClusterImageSignaturePolicy> read(String yaml, String source) throws PolicyFileException {
    List<ClusterImageSignaturePolicy> out = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    int doc = 0;
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        doc++;
        JsonNode node = it.next();
        if (node == null || node.isNull() || node.isMissingNode()) {
          continue;
        }
        String where = source + ", document " + doc;
        if (isList(node)) {
          JsonNode items = node.path("items");
          for (int i = 0; i < items.size(); i++) {
            add(items.get(i), where + ", item " + i, out, names);
          }
        } else {
          add(node, where, out, names);
        }
      }
    } catch (JacksonException e) {
      throw new PolicyFileException(source + ", document " + Math.max(doc, 1) + ": not valid YAML: "
          + unindentedLines(e.getOriginalMessage()) + at(e.getLocation()), e);
    }
    if (out.isEmpty()) {
      throw new PolicyFileException(source + " holds no " + ClusterImageSignaturePolicy.KIND + " document");
    }
    return out;
  }

  /**
   * @param policies policy resources
   * @return them as multi-document YAML that {@link #read(String, String)} accepts
   */
  public static String write(List<ClusterImageSignaturePolicy> policies) {
    return policies.stream().map(SERIALIZATION::asYaml).collect(Collectors.joining());
  }

  private static boolean isList(JsonNode node) {
    return node.isObject() && "v1".equals(text(node, "apiVersion")) && "List".equals(text(node, "kind"))
        && node.path("items").isArray();
  }

  private static void add(JsonNode node, String where, List<ClusterImageSignaturePolicy> out,
      Map<String, String> names) throws PolicyFileException {
    if (node == null || !node.isObject()) {
      throw new PolicyFileException(where + ": expected a mapping with apiVersion, kind, metadata and spec");
    }
    String apiVersion = text(node, "apiVersion");
    String kind = text(node, "kind");
    if (!ClusterImageSignaturePolicy.API_VERSION.equals(apiVersion) || !ClusterImageSignaturePolicy.KIND.equals(kind)) {
      throw new PolicyFileException(where + ": expected apiVersion " + ClusterImageSignaturePolicy.API_VERSION
          + " and kind " + ClusterImageSignaturePolicy.KIND + ", found apiVersion '" + apiVersion + "' and kind '"
          + kind + "'");
    }
    ClusterImageSignaturePolicy policy = convert(node, where);
    String name = policy.getMetadata() == null ? null : policy.getMetadata().getName();
    if (name != null && names.putIfAbsent(name, where) != null) {
      throw new PolicyFileException(where + ": policy name '" + name + "' is already used by " + names.get(name));
    }
    out.add(policy);
  }

  private static ClusterImageSignaturePolicy convert(JsonNode node, String where) throws PolicyFileException {
    try {
      return SERIALIZATION.unmarshal(node.toString(), ClusterImageSignaturePolicy.class);
    } catch (RuntimeException e) {
      JacksonException j = jacksonCause(e);
      if (j == null) {
        throw new PolicyFileException(where + ": " + firstLine(e.getMessage()), e);
      }
      String field = j.getPath().stream()
          .map(r -> r.getPropertyName() != null ? "." + r.getPropertyName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining()).replaceFirst("^\\.", "");
      String why = j instanceof UnrecognizedPropertyException u
          ? "unknown field; known fields are " + u.getKnownPropertyIds()
          : firstLine(j.getOriginalMessage());
      throw new PolicyFileException(where + ": " + (field.isEmpty() ? "" : field + ": ") + why, e);
    }
  }

  private static JacksonException jacksonCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JacksonException j) {
        return j;
      }
    }
    return null;
  }

  /** Reads a policy file's bytes, refusing files over {@link #MAX_FILE_BYTES}. */
  static byte[] readBytes(Path file) throws PolicyFileException {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new PolicyFileException("policy file " + file + " is " + size + " bytes; at most " + MAX_FILE_BYTES
            + " are accepted");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new PolicyFileException("policy file " + file + " cannot be read: " + e, e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isString() ? null : v.asString();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The parser's own sentences, without its indented source excerpts and carets. */
  private static String unindentedLines(String s) {
    if (s == null) {
      return "unknown error";
    }
    return s.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
        .collect(Collectors.joining("; "));
  }

  private static String at(TokenStreamLocation loc) {
    return loc == null || loc.getLineNr() < 1 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
  }
}
