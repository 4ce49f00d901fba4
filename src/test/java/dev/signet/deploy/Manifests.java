package dev.signet.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits multi-document YAML (rendered chart or manifest files) into typed fabric8 objects. */
final class Manifests {
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Pattern SEPARATOR = Pattern.compile("(?m)^---\\s*$");

  private Manifests() {}

  /**
   * @param yaml one or more YAML documents separated by {@code ---}
   * @return every non-empty document as its typed fabric8 class (generic resource for unknown kinds)
   */
  static List<HasMetadata> parse(String yaml) {
    List<HasMetadata> out = new ArrayList<>();
    for (String doc : SEPARATOR.split(yaml)) {
      if (doc.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
        continue;
      }
      Object o = SERIALIZATION.unmarshal(doc);
      if (o instanceof KubernetesList list) {
        out.addAll(list.getItems());
      } else if (o instanceof HasMetadata m) {
        out.add(m);
      } else {
        throw new AssertionError("not a Kubernetes object: " + doc);
      }
    }
    return out;
  }

  /** @return the objects of one file */
  static List<HasMetadata> parse(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  /** @return the single object of that class and name */
  static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
    List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
    }
    return found.get(0);
  }
}
