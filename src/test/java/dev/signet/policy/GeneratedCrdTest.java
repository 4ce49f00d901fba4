package dev.signet.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The CRD generated from the policy model carries the schema constraints and printer columns of DESIGN §5. */
class GeneratedCrdTest {
  private static CustomResourceDefinitionVersion version() throws Exception {
    CustomResourceDefinition crd = new KubernetesSerialization().unmarshal(CrdCopiesTest.generated(),
        CustomResourceDefinition.class);
    assertEquals("clusterimagesignaturepolicies.signet.dev", crd.getMetadata().getName());
    assertEquals("Cluster", crd.getSpec().getScope());
    assertEquals(List.of("cisp"), crd.getSpec().getNames().getShortNames());
    assertEquals(1, crd.getSpec().getVersions().size());
    return crd.getSpec().getVersions().get(0);
  }

  private static JSONSchemaProps spec() throws Exception {
    return version().getSchema().getOpenAPIV3Schema().getProperties().get("spec");
  }

  @Test
  void versionIsServedWithStatusSubresource() throws Exception {
    CustomResourceDefinitionVersion v = version();
    assertEquals(ClusterImageSignaturePolicy.VERSION, v.getName());
    assertTrue(v.getServed() && v.getStorage());
    assertNotNull(v.getSubresources().getStatus(), "status subresource");
  }

  @Test
  void modeIsAnEnumDefaultingToEnforce() throws Exception {
    JSONSchemaProps mode = spec().getProperties().get("mode");
    assertEquals(List.of("Audit", "Enforce"), mode.getEnum().stream().map(n -> n.asText()).sorted().toList());
    assertEquals("Enforce", mode.getDefault().asText());
  }

  @Test
  void thresholdIsAtLeastOneDefaultingToOne() throws Exception {
    JSONSchemaProps threshold = spec().getProperties().get("threshold");
    assertEquals("integer", threshold.getType());
    assertEquals(1.0, threshold.getMinimum());
    assertEquals(1, threshold.getDefault().asInt());
  }

  @Test
  void ocidFieldsCarryTheCompilersPatterns() throws Exception {
    JSONSchemaProps spec = spec();
    assertEquals(OcidPatterns.COMPARTMENT, spec.getProperties().get("compartmentId").getPattern());
    JSONSchemaProps key = spec.getProperties().get("trustedKeys").getItems().getSchema();
    assertEquals(OcidPatterns.KEY, key.getProperties().get("kmsKeyId").getPattern());
    assertEquals(OcidPatterns.KEY_VERSION,
        key.getProperties().get("kmsKeyVersionIds").getItems().getSchema().getPattern());
    assertEquals(List.of("kmsKeyId"), key.getRequired());
    assertEquals(List.of("compartmentId", "images", "trustedKeys"), spec.getRequired().stream().sorted().toList());
  }

  @Test
  void schemaPatternsAcceptTheDemoOcidsAndRefuseOthers() {
    assertTrue(Pattern.matches(OcidPatterns.COMPARTMENT, dev.signet.emulator.DemoSeed.COMPARTMENT_ID));
    assertTrue(Pattern.matches(OcidPatterns.KEY, dev.signet.emulator.DemoSeed.keyId("release")));
    assertTrue(Pattern.matches(OcidPatterns.KEY_VERSION, dev.signet.emulator.DemoSeed.keyVersionId("release")));
    assertFalse(Pattern.matches(OcidPatterns.KEY, dev.signet.emulator.DemoSeed.COMPARTMENT_ID));
    assertFalse(Pattern.matches(OcidPatterns.COMPARTMENT, "ocid1.compartment.oc1..x\nocid1.key"));
  }

  @Test
  void printerColumnsShowModeThresholdKeysReadyAndAge() throws Exception {
    Map<String, CustomResourceColumnDefinition> columns = version().getAdditionalPrinterColumns().stream()
        .collect(Collectors.toMap(CustomResourceColumnDefinition::getName, c -> c));
    assertEquals(List.of("Age", "Keys", "Mode", "Ready", "Threshold"), columns.keySet().stream().sorted().toList());
    assertEquals(".spec.mode", columns.get("Mode").getJsonPath());
    assertEquals(".spec.threshold", columns.get("Threshold").getJsonPath());
    assertEquals(".status.trustedKeyCount", columns.get("Keys").getJsonPath());
    assertEquals(".status.conditions[?(@.type==\"Ready\")].status", columns.get("Ready").getJsonPath());
    assertEquals("date", columns.get("Age").getType());
  }
}
