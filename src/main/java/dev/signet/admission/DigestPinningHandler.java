package dev.signet.admission;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.admission.AdmissionRequest.Operation;
import dev.signet.admission.PodSpecExtractor.Extraction;
import dev.signet.admission.PodSpecExtractor.Images;
import dev.signet.admission.PodSpecExtractor.Malformed;
import dev.signet.admission.PodSpecExtractor.NotApplicable;
import dev.signet.image.ImageReference;
import dev.signet.image.InvalidReferenceException;
import dev.signet.policy.CompiledPolicy;
import dev.signet.policy.PolicySource;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Digest pinning, the {@code POST /mutate} handler (DESIGN §5 {@code pinDigests}, §8): rewrites every image given
 * by tag whose verdict under all its matching policies is verified to {@code <reference as written>@sha256:<digest>}
 * with an RFC 6902 JSON Patch ({@code op: replace} on each container using that image), so the kubelet pulls what
 * was verified even if the tag moves later.
 *
 * <p>Scope: Pods on CREATE and the {@code pods/ephemeralcontainers} subresource on UPDATE; with
 * {@link Settings#pinWorkloads()} also the pod templates of the workload kinds (CREATE and UPDATE). Opt-in: a
 * matching policy has {@code spec.pinDigests: true}, or {@link Settings#pinAll()} ({@code --pin-digests}).
 * References that carry a digest, images no policy matches, images not verified and excluded namespaces are
 * never touched; {@code dryRun} gets the same patch. The answer is always {@code allowed: true}: denial is the
 * validating webhook's job, and a backend failure or exceeded deadline only means no patch. Give it an evaluator
 * over the same verification caches as {@code /validate}, so the two paths cost one set of OCI calls per image.
 */
public final class DigestPinningHandler implements ReviewHandler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DigestPinningHandler.class);
  private static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet",
      "Job", "CronJob", "ReplicationController");
  private static final int MAX_WORKERS = 200;
  /** Starts every outcome note, so the decision log tells /mutate lines from /validate lines. */
  private static final String NOTE = "mutate: ";

  /**
   * What to pin.
   *
   * @param pinAll pin every verified image whatever the policies' {@code pinDigests} ({@code --pin-digests})
   * @param pinWorkloads also pin the pod templates of Deployments, Jobs, ... ({@code --pin-workloads}); off by
   *     default because a controller that sees its template rewritten can fight the mutation
   */
  public record Settings(boolean pinAll, boolean pinWorkloads) {}

  private final ImageEvaluator evaluator;
  private final PolicySource policies;
  private final AdmissionSettings admission;
  private final Settings settings;
  private final PodSpecExtractor extractor = new PodSpecExtractor();
  private final ExecutorService workers;

  /**
   * @param evaluator an evaluator over the same verification caches (digest and verdict) as {@code /validate}
   * @param policies the policy source, to read {@code pinDigests} of the matching policies
   * @param admission excluded namespaces and the internal deadline
   * @param settings what to pin
   */
  public DigestPinningHandler(ImageEvaluator evaluator, PolicySource policies, AdmissionSettings admission,
      Settings settings) {
    this.evaluator = evaluator;
    this.policies = policies;
    this.admission = admission;
    this.settings = settings;
    AtomicInteger n = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(0, MAX_WORKERS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "signet-mutate-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * @param request a parsed admission request
   * @return an outcome whose review always has {@code allowed: true}, with {@code patchType: JSONPatch} and the
   *     patch when at least one image is pinned; decision {@link Decision#ALLOW}; never throws
   */
  @Override
  public AdmissionOutcome handle(AdmissionRequest request) {
    long start = System.nanoTime();
    try {
      String skip = skipReason(request);
      if (skip != null) {
        return untouched(request, skip, List.of(), List.of(), start);
      }
      Extraction extraction = extractor.extract(request);
      if (extraction instanceof NotApplicable na) {
        return untouched(request, na.reason(), List.of(), List.of(), start);
      }
      if (extraction instanceof Malformed m) { // /validate denies it; nothing to pin
        return untouched(request, m.text(), List.of(), List.of(), start);
      }
      Images images = (Images) extraction;
      List<String> byTag = images.imagesToCheck().stream().filter(DigestPinningHandler::givenByTag).toList();
      if (byTag.isEmpty()) {
        return untouched(request, "no new image given by tag", List.of(), List.of(), start);
      }
      List<ImageResult> results = evaluate(request.namespace(), byTag);
      if (results == null) {
        return untouched(request, "evaluation failed or timed out; not pinned", byTag, List.of(), start);
      }
      Map<String, String> pinned = pinnedReferences(results);
      if (pinned.isEmpty()) {
        return untouched(request, "nothing to pin", byTag, results, start);
      }
      ObjectNode review = AdmissionResponses.withPatch(AdmissionResponses.allow(request), patch(images, pinned));
      return new AdmissionOutcome(request, review, Decision.ALLOW, byTag, results, List.of(),
          NOTE + "pinned " + pinned.size() + " image(s)", since(start));
    } catch (RuntimeException e) {
      LOG.error("digest pinning failed for uid={}; answering without a patch", request.uid(), e);
      return untouched(request, "internal error; not pinned", List.of(), List.of(), start);
    }
  }

  /** @return why this request is not a pinning candidate, or {@code null} when it is */
  private String skipReason(AdmissionRequest request) {
    if (admission.excludedNamespaces().contains(request.namespace())) {
      return "namespace " + request.namespace() + " is excluded";
    }
    String kind = request.kind().kind();
    boolean ephemeral = "ephemeralcontainers".equals(request.subResource());
    boolean podCreate = "Pod".equals(kind) && request.subResource().isEmpty()
        && request.operation() == Operation.CREATE;
    boolean ephemeralUpdate = ephemeral && request.operation() == Operation.UPDATE;
    boolean workload = settings.pinWorkloads() && WORKLOAD_KINDS.contains(kind) && request.subResource().isEmpty()
        && (request.operation() == Operation.CREATE || request.operation() == Operation.UPDATE);
    if (!podCreate && !ephemeralUpdate && !workload) {
      return request.operation() + " of " + kind + (request.subResource().isEmpty() ? "" : "/"
          + request.subResource()) + " is not pinned";
    }
    if (!settings.pinAll() && policies.policies().stream().noneMatch(CompiledPolicy::pinDigests)) {
      return "no policy pins digests";
    }
    return null;
  }

  /** Runs the evaluator bounded by the internal deadline; {@code null} on any failure. */
  private List<ImageResult> evaluate(String namespace, List<String> images) {
    Instant deadline = Instant.now().plus(admission.deadline());
    try {
      List<ImageResult> results = CompletableFuture
          .supplyAsync(() -> evaluator.evaluate(namespace, images, deadline), workers)
          .get(admission.deadline().plus(AdmissionHandler.GRACE).toMillis(), TimeUnit.MILLISECONDS);
      return results != null && results.size() == images.size() ? results : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      LOG.warn("digest pinning evaluation failed: {}", e.toString());
      return null;
    }
  }

  /** @return image as written → pinned reference, for every verified image whose policies ask for pinning */
  private Map<String, String> pinnedReferences(List<ImageResult> results) {
    Set<String> pinning = settings.pinAll() ? Set.of() : policies.policies().stream()
        .filter(CompiledPolicy::pinDigests).map(CompiledPolicy::name).collect(Collectors.toSet());
    Map<String, String> pinned = new LinkedHashMap<>();
    for (ImageResult r : results) {
      if (!r.verified() || r.digest() == null || r.matchedPolicies().isEmpty()) {
        continue;
      }
      if (settings.pinAll() || r.matchedPolicies().stream().anyMatch(pinning::contains)) {
        pinned.put(r.image(), r.image() + "@" + r.digest());
      }
    }
    return pinned;
  }

  private static ArrayNode patch(Images images, Map<String, String> pinned) {
    ArrayNode ops = JsonNodeFactory.instance.arrayNode();
    for (PodImage image : images.all()) {
      String target = pinned.get(image.image());
      if (target != null) {
        ops.addObject().put("op", "replace").put("path", image.jsonPointer()).put("value", target);
      }
    }
    return ops;
  }

  /** @return true for a valid reference without a digest (a reference that cannot be parsed is never pinned) */
  static boolean givenByTag(String image) {
    try {
      return !ImageReference.parse(image).hasDigest();
    } catch (InvalidReferenceException e) {
      return false;
    }
  }

  private static AdmissionOutcome untouched(AdmissionRequest request, String note, List<String> images,
      List<ImageResult> results, long start) {
    return new AdmissionOutcome(request, AdmissionResponses.allow(request), Decision.ALLOW, images, results,
        List.of(), NOTE + note, since(start));
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Stops the evaluation workers. */
  @Override
  public void close() {
    workers.shutdownNow();
  }
}
