package dev.signet.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed CRD copies equal the CRD that fabric8's crd-generator-maven-plugin wrote from the Java model
 * in this build (into {@code target/classes/META-INF/fabric8/}, phase process-classes).
 */
class CrdCopiesTest {
  /** Where the generator writes the CRD, as a classpath resource. */
  static final String GENERATED = "META-INF/fabric8/clusterimagesignaturepolicies.signet.dev-v1.yml";
  private static final String REFRESH = "the CRD changed: refresh the committed copies with\n"
      + "  mvn -q -o process-classes && for f in deploy/01-crd.yaml "
      + "charts/signet/crds/clusterimagesignaturepolicies.signet.dev.yaml; do cp target/classes/" + GENERATED
      + " $f; done\n";

  /** @return the generated CRD YAML */
  static String generated() throws IOException {
    try (InputStream in = CrdCopiesTest.class.getClassLoader().getResourceAsStream(GENERATED)) {
      assertNotNull(in, GENERATED + " is missing: the crd-generator-maven-plugin did not run (mvn process-classes)");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy/01-crd.yaml", "charts/signet/crds/clusterimagesignaturepolicies.signet.dev.yaml"})
  void committedCopyEqualsGeneratedCrd(String copy) throws IOException {
    Path file = Path.of(copy);
    String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "<missing>";
    assertEquals(generated(), committed, copy + " differs from target/classes/" + GENERATED + "; " + REFRESH);
  }
}
