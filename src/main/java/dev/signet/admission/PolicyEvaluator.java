package dev.signet.admission;

import dev.signet.image.Digest;
import dev.signet.image.ImageReference;
import dev.signet.image.InvalidReferenceException;
import dev.signet.image.OcirRepository;
import dev.signet.oci.OcirHosts;
import dev.signet.policy.CompiledPolicy;
import dev.signet.policy.PolicyMode;
import dev.signet.policy.PolicySource;
import dev.signet.verify.ReasonCode;
import dev.signet.verify.TrustSet;
import dev.signet.verify.Verdict;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Evaluates images against the current policies (DESIGN §4 and §5): parses and canonicalises each
 * reference, finds the policies whose namespace selector and image globs match, and verifies the image
 * under each matching policy's trust set. Every (image, policy) pair runs concurrently on the given
 * executor; identical work is shared by the verification caches.
 */
public final class PolicyEvaluator implements ImageEvaluator {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PolicyEvaluator.class);

  /** Verifies one image under one trust set; implemented by the caching verification pipeline. */
  @FunctionalInterface
  public interface VerdictFunction {
    /**
     * @param repository the OCIR repository
     * @param tag the tag, or {@code null} when {@code digest} is given
     * @param digest the digest to verify, or {@code null} to resolve {@code tag} first
     * @param trust the policy's trust set
     * @param deadline when the answer is needed
     * @return the verdict; never throws for backend failures (they are {@link Verdict.Error})
     */
    Verdict verify(OcirRepository repository, String tag, Digest digest, TrustSet trust, Instant deadline);
  }

  private final PolicySource policies;
  private final VerdictFunction verification;
  private final Function<String, Map<String, String>> namespaceLabels;
  private final NoMatchAction noMatchAction;
  private final Executor executor;
  private final EvaluationMetrics metrics;

  /**
   * @param policies where compiled policies come from
   * @param verification per-image verification (cached, single-flight)
   * @param namespaceLabels namespace name → its labels (empty map when unknown)
   * @param noMatchAction what to do with images no policy matches
   * @param executor runs (image, policy) evaluations concurrently
   * @param registry where policy evaluation and verification counters are recorded
   */
  public PolicyEvaluator(PolicySource policies, VerdictFunction verification,
      Function<String, Map<String, String>> namespaceLabels, NoMatchAction noMatchAction, Executor executor,
      MeterRegistry registry) {
    this.policies = policies;
    this.verification = verification;
    this.namespaceLabels = namespaceLabels;
    this.noMatchAction = noMatchAction;
    this.executor = executor;
    this.metrics = new EvaluationMetrics(registry);
  }

  @Override
  public List<ImageResult> evaluate(String namespace, List<String> images, Instant deadline) {
    List<CompiledPolicy> current = policies.policies();
    Map<String, String> labels = namespaceLabels.apply(namespace == null ? "" : namespace);
    List<CompletableFuture<ImageResult>> futures = new ArrayList<>();
    for (String image : images) {
      futures.add(evaluateImage(image, current, labels == null ? Map.of() : labels, deadline));
    }
    return futures.stream().map(CompletableFuture::join).toList();
  }

  private CompletableFuture<ImageResult> evaluateImage(String image, List<CompiledPolicy> current,
      Map<String, String> labels, Instant deadline) {
    ImageReference ref;
    try {
      ref = OcirHosts.canonicalise(ImageReference.parse(image));
    } catch (InvalidReferenceException e) {
      PolicyFailure f = new PolicyFailure(null, PolicyMode.Enforce, ReasonCode.InvalidReference, e.getMessage());
      metrics.verification(new Verdict.NotVerified(null, List.of(), ReasonCode.InvalidReference, e.getMessage()));
      return CompletableFuture.completedFuture(new ImageResult(image, null, List.of(), List.of(f), false));
    }
    List<CompiledPolicy> matching = current.stream()
        .filter(p -> p.selectsNamespace(labels) && p.matchesImage(ref.name())).toList();
    if (matching.isEmpty()) {
      return CompletableFuture.completedFuture(noMatch(image, ref));
    }
    Optional<OcirRepository> repo = OcirHosts.locate(ref);
    List<CompletableFuture<PolicyCheck>> checks = matching.stream()
        .map(p -> CompletableFuture.supplyAsync(() -> check(p, ref, repo, deadline), executor)
            .exceptionally(t -> internalError(p, ref, t)))
        .toList();
    return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).thenApply(v -> {
      List<PolicyCheck> done = checks.stream().map(CompletableFuture::join).toList();
      return combine(image, ref, done);
    });
  }

  private static PolicyCheck internalError(CompiledPolicy policy, ImageReference ref, Throwable t) {
    LOG.warn("internal error checking {} under policy {}", ref, policy.name(), t);
    return PolicyCheck.error(policy, "internal error while checking the image (details in Signet's log)");
  }

  private ImageResult noMatch(String image, ImageReference ref) {
    String digest = ref.hasDigest() ? ref.digest().toString() : null;
    return switch (noMatchAction) {
      case ALLOW -> new ImageResult(image, digest, List.of(), List.of(), false);
      case WARN -> new ImageResult(image, digest, List.of(), List.of(new PolicyFailure(null, PolicyMode.Audit,
          ReasonCode.NoMatchingPolicy, "no policy matches this image (noMatchAction: warn)")), false);
      case DENY -> new ImageResult(image, digest, List.of(), List.of(new PolicyFailure(null, PolicyMode.Enforce,
          ReasonCode.NoMatchingPolicy, "no policy matches this image (noMatchAction: deny)")), false);
    };
  }

  private PolicyCheck check(CompiledPolicy policy, ImageReference ref, Optional<OcirRepository> repo,
      Instant deadline) {
    PolicyCheck result;
    if (!policy.valid() || policy.trust() == null) {
      String problems = policy.problems().stream().map(Object::toString).collect(Collectors.joining("; "));
      result = PolicyCheck.fail(policy, null, ReasonCode.PolicyInvalid, "policy " + policy.name()
          + " is invalid, failing closed: " + problems);
    } else if (repo.isEmpty()) {
      Verdict.NotVerified v = notLocatable(ref);
      result = PolicyCheck.fail(policy, v.digest(), v.reason(), v.message());
    } else {
      Verdict verdict = verification.verify(repo.get(), ref.hasDigest() ? null : ref.tag(), ref.digest(),
          policy.trust(), deadline);
      metrics.verification(verdict);
      result = new PolicyCheck(policy, verdict.digest(), verdict instanceof Verdict.Verified, verdict.reason(),
          verdict.message(), verdict instanceof Verdict.Error);
    }
    metrics.policyEvaluation(policy, result.verified ? "pass" : result.error ? "error" : "fail");
    return result;
  }

  /**
   * The verdict for a reference {@link OcirHosts#locate} cannot place in OCIR.
   *
   * @param ref a canonicalised reference for which {@code OcirHosts.locate(ref)} is empty
   * @return {@code InvalidReference} when the host is an OCIR host but the path lacks
   *     {@code <tenancy-namespace>/<repository>} (e.g. {@code phx.ocir.io/demotenancy:v1}), else {@code NotOcir};
   *     with the reference's digest when it has one
   */
  public static Verdict.NotVerified notLocatable(ImageReference ref) {
    Digest digest = ref.hasDigest() ? ref.digest() : null;
    if (OcirHosts.isOcirHost(ref.registry())) {
      return new Verdict.NotVerified(digest, List.of(), ReasonCode.InvalidReference, "an OCIR reference needs "
          + "<tenancy-namespace>/<repository> after the host " + ref.registry() + ", got '" + ref.repository() + "'");
    }
    return new Verdict.NotVerified(digest, List.of(), ReasonCode.NotOcir, "registry " + ref.registry()
        + " is not OCI Container Registry, so the image cannot carry Vault signatures");
  }

  private static ImageResult combine(String image, ImageReference ref, List<PolicyCheck> checks) {
    String digest = checks.stream().map(c -> c.digest).filter(d -> d != null).map(Digest::toString).findFirst()
        .orElse(ref.hasDigest() ? ref.digest().toString() : null);
    List<PolicyFailure> failures = checks.stream().filter(c -> !c.verified)
        .map(c -> new PolicyFailure(c.policy.name(), c.policy.mode(), c.reason, c.text)).toList();
    List<String> names = checks.stream().map(c -> c.policy.name()).toList();
    return new ImageResult(image, digest, names, failures, failures.isEmpty());
  }

  private record PolicyCheck(CompiledPolicy policy, Digest digest, boolean verified, ReasonCode reason, String text,
      boolean error) {
    static PolicyCheck fail(CompiledPolicy p, Digest d, ReasonCode reason, String text) {
      return new PolicyCheck(p, d, false, reason, text, reason == ReasonCode.BackendError);
    }

    static PolicyCheck error(CompiledPolicy p, String text) {
      return new PolicyCheck(p, null, false, ReasonCode.BackendError, text, true);
    }
  }
}
