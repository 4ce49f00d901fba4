package dev.signet.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.emulator.DemoSeed;
import dev.signet.verify.TrustSet;
import dev.signet.verify.TrustedKey;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PolicyCompilerTest {
  private static final String RELEASE = DemoSeed.keyId("release");
  private static final String QA = DemoSeed.keyId("qa");
  private static final String RELEASE_V1 = DemoSeed.keyVersionId("release");

  /** The demo policy with one change applied. */
  private static CompiledPolicy demoWith(Consumer<ClusterImageSignaturePolicySpec> change) {
    ClusterImageSignaturePolicy p = DemoPolicy.policy();
    change.accept(p.getSpec());
    return PolicyCompiler.compile(p);
  }

  private static List<String> fields(CompiledPolicy p) {
    return p.problems().stream().map(PolicyProblem::field).toList();
  }

  private static String message(CompiledPolicy p, String field) {
    return p.problems().stream().filter(x -> x.field().equals(field)).findFirst().orElseThrow().message();
  }

  @Test
  void compilesTheDemoPolicyWithDefaults() {
    ClusterImageSignaturePolicy resource = DemoPolicy.policy();
    resource.getMetadata().setGeneration(7L);
    resource.getSpec().setMode(null);
    resource.getSpec().setThreshold(null);
    CompiledPolicy p = PolicyCompiler.compile(resource);
    assertTrue(p.valid(), p.problems().toString());
    assertEquals("demo-signed", p.name());
    assertEquals(7, p.generation());
    assertEquals(PolicyMode.Enforce, p.mode());
    assertEquals(List.of(ImageGlob.compile("phx.ocir.io/demotenancy/**")), p.images());
    assertSame(NamespaceSelector.ALL, p.namespaceSelector());
    assertFalse(p.pinDigests());
    TrustSet t = p.trust();
    assertEquals(DemoSeed.COMPARTMENT_ID, t.compartmentId());
    assertFalse(t.compartmentIdInSubtree());
    assertEquals(List.of(new TrustedKey(RELEASE, Set.of(), null)), t.keys());
    assertEquals(TrustSet.PSS_ALGORITHMS, t.signingAlgorithms());
    assertEquals(1, t.threshold());
    assertTrue(p.matchesImage("phx.ocir.io/demotenancy/project01/acme-web-app"));
    assertTrue(p.selectsNamespace(Map.of()));
  }

  @Test
  void compilesEveryOptionalField() {
    CompiledPolicy p = demoWith(s -> {
      s.setMode("Audit");
      s.setCompartmentIdInSubtree(true);
      s.setTrustedKeys(List.of(new TrustedKeySpec(RELEASE, List.of(RELEASE_V1), "http://127.0.0.1:8081"),
          new TrustedKeySpec(QA, null, "")));
      s.setThreshold(2);
      s.setSigningAlgorithms(List.of("SHA_256_RSA_PKCS_PSS"));
      s.setNamespaceSelector(new LabelSelectorBuilder().addToMatchLabels("env", "prod").build());
      s.setPinDigests(true);
    });
    assertTrue(p.valid(), p.problems().toString());
    assertEquals(PolicyMode.Audit, p.mode());
    assertTrue(p.pinDigests());
    assertTrue(p.trust().compartmentIdInSubtree());
    assertEquals(2, p.trust().threshold());
    assertEquals(Set.of("SHA_256_RSA_PKCS_PSS"), p.trust().signingAlgorithms());
    assertEquals(new TrustedKey(RELEASE, Set.of(RELEASE_V1), "http://127.0.0.1:8081"), p.trust().key(RELEASE));
    assertEquals(new TrustedKey(QA, Set.of(), null), p.trust().key(QA));
    assertTrue(p.selectsNamespace(Map.of("env", "prod")));
    assertFalse(p.selectsNamespace(Map.of("env", "dev")));
  }

  @Test
  void acceptsATenancyAsCompartment() {
    assertTrue(demoWith(s -> s.setCompartmentId("ocid1.tenancy.oc1..aaaaaaaabbbb")).valid());
  }

  @Test
  void reportsMissingNameAndSpec() {
    CompiledPolicy p = PolicyCompiler.compile(new ClusterImageSignaturePolicy());
    assertEquals(List.of("metadata.name", "spec"), fields(p).subList(0, 2));
    assertEquals(PolicyCompiler.UNNAMED, p.name());
    assertEquals(PolicyMode.Enforce, p.mode());
    assertNull(p.trust());
    assertTrue(p.images().isEmpty());
    ClusterImageSignaturePolicy blank = DemoPolicy.policy();
    blank.setMetadata(new ObjectMeta());
    assertEquals(List.of("metadata.name"), fields(PolicyCompiler.compile(blank)));
  }

  @Test
  void neverThrowsOnNull() {
    CompiledPolicy p = PolicyCompiler.compile(null);
    assertFalse(p.valid());
    assertTrue(fields(p).contains("metadata.name"));
  }

  @Test
  void invalidModeFailsClosedAsEnforce() {
    CompiledPolicy p = demoWith(s -> s.setMode("enforce"));
    assertEquals(List.of("spec.mode"), fields(p));
    assertTrue(message(p, "spec.mode").contains("must be Enforce or Audit, not 'enforce'"));
    assertEquals(PolicyMode.Enforce, p.mode());
    assertNotNull(p.trust(), "a bad mode does not touch the trust part");
  }

  @Test
  void requiresImages() {
    CompiledPolicy p = demoWith(s -> s.setImages(List.of()));
    assertEquals(List.of("spec.images"), fields(p));
    assertTrue(message(p, "spec.images").contains("at least one image glob"));
  }

  @Test
  void keepsValidGlobsWhenOthersAreMalformed() {
    CompiledPolicy p = demoWith(s -> s.setImages(Arrays.asList("phx.ocir.io/a/**", "phx.ocir.io/***", null,
        "iad.ocir.io/b/*")));
    assertEquals(List.of("spec.images[1]", "spec.images[2]"), fields(p));
    assertTrue(message(p, "spec.images[1]").contains("'**' must be a whole segment"));
    assertEquals(List.of("phx.ocir.io/a/**", "iad.ocir.io/b/*"), p.images().stream().map(ImageGlob::pattern).toList());
    assertNotNull(p.trust());
  }

  @Test
  void invalidTrustPartKeepsGlobsForFailClosed() {
    CompiledPolicy p = demoWith(s -> s.setTrustedKeys(List.of()));
    assertEquals(List.of("spec.trustedKeys"), fields(p));
    assertNull(p.trust());
    assertEquals(PolicyMode.Enforce, p.mode());
    assertTrue(p.matchesImage("phx.ocir.io/demotenancy/project01/acme-web-app"));
  }

  @Test
  void validatesCompartmentOcid() {
    assertEquals(List.of("spec.compartmentId"), fields(demoWith(s -> s.setCompartmentId(null))));
    assertEquals(List.of("spec.compartmentId"), fields(demoWith(s -> s.setCompartmentId("  "))));
    for (String bad : List.of("ocid1.compartment.oc1.phx.abc", "ocid1.bucket.oc1..abc", "compartment",
        "ocid1.compartment.oc1..", "OCID1.COMPARTMENT.OC1..ABC")) {
      CompiledPolicy p = demoWith(s -> s.setCompartmentId(bad));
      assertEquals(List.of("spec.compartmentId"), fields(p), bad);
      assertTrue(message(p, "spec.compartmentId").contains("not a compartment or tenancy OCID"), bad);
      assertNull(p.trust());
    }
  }

  @Test
  void validatesKeyOcidsAndDuplicates() {
    CompiledPolicy p = demoWith(s -> s.setTrustedKeys(Arrays.asList(new TrustedKeySpec(RELEASE, null, null),
        new TrustedKeySpec("ocid1.vault.oc1.phx.abc.def", null, null), new TrustedKeySpec(null, null, null),
        new TrustedKeySpec(RELEASE, null, null), null)));
    assertEquals(List.of("spec.trustedKeys[1].kmsKeyId", "spec.trustedKeys[2].kmsKeyId",
        "spec.trustedKeys[3].kmsKeyId", "spec.trustedKeys[4]"), fields(p));
    assertTrue(message(p, "spec.trustedKeys[1].kmsKeyId").contains("not a key OCID"));
    assertTrue(message(p, "spec.trustedKeys[2].kmsKeyId").contains("is required"));
    assertTrue(message(p, "spec.trustedKeys[3].kmsKeyId").contains("duplicates spec.trustedKeys[0].kmsKeyId"));
    assertNull(p.trust());
  }

  @Test
  void acceptsKeyOcidsWithRegionIds() {
    assertTrue(demoWith(s -> s.setTrustedKeys(List.of(new TrustedKeySpec(
        "ocid1.key.oc1.us-phoenix-1.abcvault.abcdef123", null, null)))).valid());
  }

  @Test
  void validatesPinnedKeyVersions() {
    CompiledPolicy p = demoWith(s -> s.setTrustedKeys(List.of(new TrustedKeySpec(RELEASE,
        Arrays.asList(RELEASE_V1, "ocid1.key.oc1.phx.a.b", null), null))));
    assertEquals(List.of("spec.trustedKeys[0].kmsKeyVersionIds[1]", "spec.trustedKeys[0].kmsKeyVersionIds[2]"),
        fields(p));
    assertTrue(message(p, "spec.trustedKeys[0].kmsKeyVersionIds[1]").contains("not a key version OCID"));
    assertNull(p.trust());
  }

  @Test
  void validatesCryptoEndpointsWithoutEchoingThem() {
    for (String bad : List.of("ftp://x.example.com", "not a url", "https://user:secret@x.example.com",
        "https://x.example.com/?a=b", "https:///path", "x.example.com")) {
      CompiledPolicy p = demoWith(s -> s.setTrustedKeys(List.of(new TrustedKeySpec(RELEASE, null, bad))));
      assertEquals(List.of("spec.trustedKeys[0].cryptoEndpoint"), fields(p), bad);
      assertFalse(message(p, "spec.trustedKeys[0].cryptoEndpoint").contains("secret"));
      assertNull(p.trust());
    }
    assertTrue(demoWith(s -> s.setTrustedKeys(List.of(new TrustedKeySpec(RELEASE, null,
        "https://bbdemovault1a-crypto.kms.us-phoenix-1.oraclecloud.com")))).valid());
  }

  @Test
  void thresholdMustBePositive() {
    for (int bad : new int[] {0, -1}) {
      CompiledPolicy p = demoWith(s -> s.setThreshold(bad));
      assertEquals(List.of("spec.threshold"), fields(p));
      assertTrue(message(p, "spec.threshold").contains("must be at least 1"));
      assertNull(p.trust());
    }
  }

  @Test
  void thresholdMayNotExceedDistinctKeys() {
    CompiledPolicy p = demoWith(s -> s.setThreshold(2));
    assertEquals(List.of("spec.threshold"), fields(p));
    assertTrue(message(p, "spec.threshold").contains("is 2 but only 1 distinct trusted key is listed"));
    CompiledPolicy dup = demoWith(s -> {
      s.setTrustedKeys(List.of(new TrustedKeySpec(RELEASE, null, null), new TrustedKeySpec(RELEASE, null, null)));
      s.setThreshold(2);
    });
    assertEquals(List.of("spec.trustedKeys[1].kmsKeyId", "spec.threshold"), fields(dup));
    assertTrue(demoWith(s -> {
      s.setTrustedKeys(List.of(new TrustedKeySpec(RELEASE, null, null), new TrustedKeySpec(QA, null, null)));
      s.setThreshold(2);
    }).valid());
  }

  @Test
  void signingAlgorithmsMustBePss() {
    CompiledPolicy p = demoWith(s -> s.setSigningAlgorithms(Arrays.asList("SHA_256_RSA_PKCS_PSS",
        "SHA_256_RSA_PKCS_V1_5", null, "sha_512_rsa_pkcs_pss")));
    assertEquals(List.of("spec.signingAlgorithms[1]", "spec.signingAlgorithms[2]", "spec.signingAlgorithms[3]"),
        fields(p));
    assertTrue(message(p, "spec.signingAlgorithms[1]").contains("is not one of"));
    assertNull(p.trust());
  }

  @Test
  void selectorProblemsCarryTheirPathAndFailClosedToAllNamespaces() {
    CompiledPolicy p = demoWith(s -> s.setNamespaceSelector(new LabelSelectorBuilder()
        .addToMatchExpressions(new LabelSelectorRequirement("env", "Equals", List.of("prod"))).build()));
    assertEquals(List.of("spec.namespaceSelector.matchExpressions[0].operator"), fields(p));
    assertSame(NamespaceSelector.ALL, p.namespaceSelector());
    assertNotNull(p.trust());
  }

  @Test
  void reportsEveryProblemAtOnce() {
    CompiledPolicy p = PolicyCompiler.compile(policy(s -> {
      s.setMode("Warn");
      s.setImages(List.of(""));
      s.setCompartmentId("x");
      s.setTrustedKeys(List.of(new TrustedKeySpec("y", List.of("z"), "ftp://q")));
      s.setThreshold(0);
      s.setSigningAlgorithms(List.of("RSA"));
      s.setNamespaceSelector(new LabelSelectorBuilder().addToMatchLabels("", "v").build());
    }));
    assertEquals(List.of("spec.mode", "spec.images[0]", "spec.compartmentId", "spec.trustedKeys[0].kmsKeyId",
        "spec.threshold", "spec.signingAlgorithms[0]", "spec.namespaceSelector.matchLabels[]"), fields(p));
  }

  private static ClusterImageSignaturePolicy policy(Consumer<ClusterImageSignaturePolicySpec> fill) {
    ClusterImageSignaturePolicy p = new ClusterImageSignaturePolicy();
    p.setMetadata(new ObjectMeta());
    p.getMetadata().setName("p");
    p.setSpec(new ClusterImageSignaturePolicySpec());
    fill.accept(p.getSpec());
    return p;
  }

  @Test
  void specListsAreCopiedSoLaterEditsDoNotLeakIntoCompiledPolicies() {
    ClusterImageSignaturePolicy resource = DemoPolicy.policy();
    List<String> images = new ArrayList<>(List.of("phx.ocir.io/a/**"));
    resource.getSpec().setImages(images);
    CompiledPolicy p = PolicyCompiler.compile(resource);
    resource.getSpec().getImages().add("iad.ocir.io/**");
    assertEquals(1, p.images().size());
  }
}
