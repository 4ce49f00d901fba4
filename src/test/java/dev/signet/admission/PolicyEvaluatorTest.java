package dev.signet.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.emulator.DemoSeed;
import dev.signet.image.Digest;
import dev.signet.policy.ClusterImageSignaturePolicy;
import dev.signet.policy.DemoPolicy;
import dev.signet.policy.PolicyMode;
import dev.signet.policy.StaticPolicySource;
import dev.signet.verify.ReasonCode;
import dev.signet.verify.Verdict;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Policy matching and combination of {@link PolicyEvaluator}. The per-image verification is a recording stand-in
 * here (it is tested on its own and end to end); what is under test is which policies apply and how their
 * results become failures.
 */
class PolicyEvaluatorTest {
  private final List<String> verified = Collections.synchronizedList(new ArrayList<>());
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** Verifies only tag v1.0 (digest of the demo seed); everything else is NoSignature. */
  private Verdict fakeVerdict(dev.signet.image.OcirRepository repo, String tag, Digest digest,
      dev.signet.verify.TrustSet trust, Instant deadline) {
    verified.add(repo.repositoryName() + ":" + tag + "@" + digest + " keys=" + trust.keys().size());
    Digest d = digest != null ? digest : Digest.parse(DemoSeed.digest(tag));
    return "v1.0".equals(tag) ? new Verdict.Verified(d, List.of(), List.of(DemoSeed.keyId("release")))
        : new Verdict.NotVerified(d, List.of(), ReasonCode.NoSignature, "no signature for " + d);
  }

  private PolicyEvaluator evaluator(NoMatchAction noMatch, ClusterImageSignaturePolicy... policies) {
    return new PolicyEvaluator(StaticPolicySource.of(List.of(policies)), this::fakeVerdict,
        ns -> ns.equals("prod") ? Map.of("env", "prod") : Map.of(), noMatch, Executors.newFixedThreadPool(4),
        registry);
  }

  private static ClusterImageSignaturePolicy demo(String name, String mode) {
    ClusterImageSignaturePolicy p = DemoPolicy.policy();
    p.getMetadata().setName(name);
    p.getSpec().setMode(mode);
    return p;
  }

  private static List<ImageResult> eval(PolicyEvaluator e, String namespace, String... images) {
    return e.evaluate(namespace, List.of(images), Instant.now().plusSeconds(5));
  }

  @Test
  void verifiedImageHasNoFailuresAndItsDigest() {
    ImageResult r = eval(evaluator(NoMatchAction.ALLOW, DemoPolicy.policy()), "team-a", DemoSeed.image("v1.0")).get(0);
    assertTrue(r.verified());
    assertFalse(r.failed());
    assertEquals(DemoSeed.digest("v1.0"), r.digest());
    assertEquals(List.of("demo-signed"), r.matchedPolicies());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"ocir.us-phoenix-1.oci.oraclecloud.com",
      "us-phoenix-1.ocir.io", "artifacts.us-phoenix-1.oci.oraclecloud.com", "PHX.OCIR.IO:443"})
  void otherOcirHostSpellingsAreTheSameRegistry(String host) {
    String other = host + "/demotenancy/project01/acme-web-app:v2.0-unsigned";
    ImageResult r = eval(evaluator(NoMatchAction.ALLOW, DemoPolicy.policy()), "team-a", other).get(0);
    assertTrue(r.denied(), "a policy for phx.ocir.io cannot be bypassed with another spelling of the host");
    assertEquals(ReasonCode.NoSignature, r.failures().get(0).reason());
  }

  @Test
  void unparsableReferenceIsDeniedWithInvalidReference() {
    ImageResult r = eval(evaluator(NoMatchAction.ALLOW, DemoPolicy.policy()), "team-a", "Bad Image").get(0);
    assertTrue(r.denied());
    assertEquals(ReasonCode.InvalidReference, r.failures().get(0).reason());
    assertTrue(r.part(true).startsWith("Bad Image (unresolved): InvalidReference: "), r.part(true));
    assertTrue(verified.isEmpty());
  }

  @Test
  void unmatchedImageFollowsNoMatchAction() {
    String nginx = "nginx:1.25";
    assertFalse(eval(evaluator(NoMatchAction.ALLOW, DemoPolicy.policy()), "team-a", nginx).get(0).failed());
    ImageResult warn = eval(evaluator(NoMatchAction.WARN, DemoPolicy.policy()), "team-a", nginx).get(0);
    assertTrue(warn.failed());
    assertFalse(warn.denied());
    ImageResult deny = eval(evaluator(NoMatchAction.DENY, DemoPolicy.policy()), "team-a", nginx).get(0);
    assertTrue(deny.denied());
    assertEquals(ReasonCode.NoMatchingPolicy, deny.failures().get(0).reason());
    assertTrue(verified.isEmpty(), "no OCI work for unmatched images");
  }

  @Test
  void invalidEnforcePolicyFailsClosedForWhatItsValidGlobsMatch() {
    ClusterImageSignaturePolicy bad = demo("broken", "Enforce");
    bad.getSpec().setCompartmentId("not-an-ocid");
    ImageResult r = eval(evaluator(NoMatchAction.ALLOW, bad), "team-a", DemoSeed.image("v1.0")).get(0);
    assertTrue(r.denied());
    PolicyFailure f = r.failures().get(0);
    assertEquals(ReasonCode.PolicyInvalid, f.reason());
    assertTrue(f.text().contains("spec.compartmentId"), f.text());
    assertTrue(verified.isEmpty(), "an invalid policy never reaches OCI");
  }

  @Test
  void matchedImageOutsideOcirIsNotOcir() {
    ClusterImageSignaturePolicy p = demo("everything", "Enforce");
    p.getSpec().setImages(List.of("docker.io/**"));
    ImageResult r = eval(evaluator(NoMatchAction.ALLOW, p), "team-a", "nginx:1.25").get(0);
    assertEquals(ReasonCode.NotOcir, r.failures().get(0).reason());
    assertTrue(r.denied());
  }

  @Test
  void ocirHostWithoutTenancyNamespaceIsAnInvalidReference() {
    ClusterImageSignaturePolicy p = demo("ocir", "Enforce");
    p.getSpec().setImages(List.of("phx.ocir.io/**"));
    ImageResult r = eval(evaluator(NoMatchAction.ALLOW, p), "team-a", "phx.ocir.io/demotenancy:v1").get(0);
    assertTrue(r.denied());
    assertEquals(ReasonCode.InvalidReference, r.failures().get(0).reason());
    assertTrue(r.failures().get(0).text().contains("<tenancy-namespace>/<repository>"), r.failures().get(0).text());
    assertTrue(verified.isEmpty());
  }

  @Test
  void everyMatchingPolicyIsEvaluatedAndAuditFailuresDoNotDeny() {
    ImageResult r = eval(evaluator(NoMatchAction.ALLOW, demo("enforced", "Enforce"), demo("audited", "Audit")),
        "team-a", DemoSeed.image("v2.0-unsigned")).get(0);
    assertEquals(2, r.failures().size());
    assertTrue(r.denied());
    assertTrue(r.part(true).contains("(policy enforced)") && !r.part(true).contains("(policy audited)"), r.part(true));
    assertTrue(r.part(false).contains("(policy audited)"), r.part(false));

    ImageResult auditOnly = eval(evaluator(NoMatchAction.ALLOW, demo("audited", "Audit")), "team-a",
        DemoSeed.image("v2.0-unsigned")).get(0);
    assertTrue(auditOnly.failed());
    assertFalse(auditOnly.denied());
    assertEquals(PolicyMode.Audit, auditOnly.failures().get(0).mode());
  }

  @Test
  void namespaceSelectorLimitsWherePoliciesApply() {
    ClusterImageSignaturePolicy prodOnly = demo("prod-only", "Enforce");
    prodOnly.getSpec().setNamespaceSelector(new LabelSelectorBuilder().addToMatchLabels("env", "prod").build());
    PolicyEvaluator e = evaluator(NoMatchAction.ALLOW, prodOnly);
    assertTrue(eval(e, "prod", DemoSeed.image("v2.0-unsigned")).get(0).denied());
    assertFalse(eval(e, "dev", DemoSeed.image("v2.0-unsigned")).get(0).failed());
  }

  @Test
  void digestReferenceIsVerifiedByDigestNotTag() {
    String ref = DemoSeed.image("v1.0") + "@" + DemoSeed.digest("v2.0-unsigned");
    ImageResult r = eval(evaluator(NoMatchAction.ALLOW, DemoPolicy.policy()), "team-a", ref).get(0);
    assertTrue(r.denied());
    assertEquals(DemoSeed.digest("v2.0-unsigned"), r.digest());
    assertTrue(verified.get(0).contains(":null@" + DemoSeed.digest("v2.0-unsigned")), verified.toString());
  }

  @Test
  void countsVerificationsAndPolicyEvaluations() {
    eval(evaluator(NoMatchAction.ALLOW, DemoPolicy.policy()), "team-a", DemoSeed.image("v1.0"),
        DemoSeed.image("v2.0-unsigned"));
    assertEquals(1.0, registry.get("signet_verifications_total").tags("result", "verified", "reason", "none")
        .counter().count());
    assertEquals(1.0, registry.get("signet_verifications_total").tags("result", "not_verified", "reason",
        "NoSignature").counter().count());
    assertEquals(1.0, registry.get("signet_policy_evaluations_total").tags("policy", "demo-signed", "result", "fail")
        .counter().count());
    assertNull(registry.find("signet_policy_evaluations_total").tags("result", "error").counter());
  }
}
