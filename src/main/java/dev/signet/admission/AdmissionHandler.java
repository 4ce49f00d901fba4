package dev.signet.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.admission.PodSpecExtractor.Extraction;
import dev.signet.admission.PodSpecExtractor.Images;
import dev.signet.admission.PodSpecExtractor.Malformed;
import dev.signet.admission.PodSpecExtractor.NotApplicable;
import dev.signet.image.ImageReference;
import dev.signet.image.InvalidReferenceException;
import dev.signet.policy.PolicyMode;
import dev.signet.verify.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validating decision (DESIGN §6), without HTTP: excluded namespaces and objects without new images pass
 * untouched; a structurally invalid pod spec is denied ({@code InvalidReference}, "malformed pod spec", in every
 * mode); otherwise the images are evaluated under the internal deadline and the request is allowed, denied
 * ({@code --mode enforce}) or admitted with warnings. Evaluation errors and an exceeded deadline never admit under
 * enforce: every image then fails with {@code BackendError}. Thread-safe; {@link #close()} stops its workers.
 */
public final class AdmissionHandler implements ReviewHandler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AdmissionHandler.class);
  /** Extra time granted past the deadline for the evaluator's own deadline-bounded answer to arrive. */
  static final Duration GRACE = Duration.ofMillis(250);
  private static final int MAX_WORKERS = 200;

  private final ImageEvaluator evaluator;
  private final AdmissionSettings settings;
  private final PodSpecExtractor extractor = new PodSpecExtractor();
  private final ExecutorService workers;

  /**
   * @param evaluator evaluates images against the policies
   * @param settings excluded namespaces, server mode and deadline
   */
  public AdmissionHandler(ImageEvaluator evaluator, AdmissionSettings settings) {
    this.evaluator = evaluator;
    this.settings = settings;
    AtomicInteger n = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(0, MAX_WORKERS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "signet-admission-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** @return the settings this handler decides with */
  public AdmissionSettings settings() {
    return settings;
  }

  /**
   * @param request a parsed admission request
   * @return the outcome; never throws (an internal failure becomes a {@code BackendError} denial, or a warning
   *     under {@code --mode audit})
   */
  @Override
  public AdmissionOutcome handle(AdmissionRequest request) {
    long start = System.nanoTime();
    try {
      if (settings.excludedNamespaces().contains(request.namespace())) {
        return untouched(request, "namespace " + request.namespace() + " is excluded", start);
      }
      Extraction extraction = extractor.extract(request);
      if (extraction instanceof NotApplicable na) {
        return untouched(request, na.reason(), start);
      }
      if (extraction instanceof Malformed m) {
        return malformed(request, m, start);
      }
      List<String> images = ((Images) extraction).imagesToCheck();
      if (images.isEmpty()) {
        return untouched(request, "no new images", start);
      }
      return decide(request, images, evaluate(request.namespace(), images), start);
    } catch (RuntimeException e) {
      LOG.error("internal error while admitting uid={}", DecisionLog.clean(request.uid()), e);
      List<ImageResult> failed = List.of(backendError("(all images)", "internal error (" + e.getClass().getSimpleName() + ")"));
      return decide(request, List.of(), failed, start);
    }
  }

  /** Runs the evaluator on a worker, bounded by the deadline; every failure becomes BackendError results. */
  private List<ImageResult> evaluate(String namespace, List<String> images) {
    Instant deadline = Instant.now().plus(settings.deadline());
    Future<List<ImageResult>> future;
    try {
      future = workers.submit(() -> evaluator.evaluate(namespace, images, deadline));
    } catch (RejectedExecutionException e) {
      return backendErrors(images, "too many concurrent admissions");
    }
    try {
      List<ImageResult> results = future.get(settings.deadline().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
      String problem = checkResults(images, results);
      if (problem != null) {
        LOG.error("image evaluator broke its contract: {}", problem);
        return backendErrors(images, "evaluation failed (" + problem + ")");
      }
      return results;
    } catch (TimeoutException e) {
      future.cancel(true);
      return backendErrors(images, "admission deadline of " + format(settings.deadline()) + " exceeded");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      LOG.warn("image evaluation failed: {}", cause.toString());
      return backendErrors(images, "evaluation failed: " + shorten(String.valueOf(cause.getMessage())));
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return backendErrors(images, "admission interrupted");
    }
  }

  private AdmissionOutcome decide(AdmissionRequest request, List<String> images, List<ImageResult> results,
      long start) {
    List<ImageResult> denied = results.stream().filter(ImageResult::denied).toList();
    List<ImageResult> failed = results.stream().filter(ImageResult::failed).toList();
    List<ReasonCode> reasons = failed.stream().flatMap(r -> r.failures().stream()).map(PolicyFailure::reason)
        .distinct().toList();
    Decision decision;
    ObjectNode review;
    if (!denied.isEmpty() && settings.mode() == ServerMode.ENFORCE) {
      decision = Decision.DENY;
      review = AdmissionResponses.deny(request, denied.stream().map(r -> r.part(true)).toList());
    } else if (!failed.isEmpty()) {
      decision = Decision.WARN;
      review = AdmissionResponses.warn(request, failed.stream().map(r -> r.part(false)).toList());
    } else {
      decision = Decision.ALLOW;
      review = AdmissionResponses.allow(request);
    }
    return new AdmissionOutcome(request, review, decision, images, results, reasons, "", since(start));
  }

  /**
   * A structurally invalid pod spec is denied in every mode: its images cannot be known, and audit mode relaxes
   * signature checks, not the shape of the input (as a 400 would not be relaxed either).
   */
  private static AdmissionOutcome malformed(AdmissionRequest request, Malformed m, long start) {
    PolicyFailure failure = new PolicyFailure(null, PolicyMode.Enforce, ReasonCode.InvalidReference,
        "malformed pod spec: " + m.problem());
    ImageResult result = new ImageResult(m.field(), null, List.of(), List.of(failure), false);
    ObjectNode review = AdmissionResponses.deny(request, List.of(result.part(true)));
    return new AdmissionOutcome(request, review, Decision.DENY, List.of(), List.of(result),
        List.of(ReasonCode.InvalidReference), m.text(), since(start));
  }

  private static AdmissionOutcome untouched(AdmissionRequest request, String note, long start) {
    return new AdmissionOutcome(request, AdmissionResponses.allow(request), Decision.ALLOW, List.of(), List.of(),
        List.of(), note, since(start));
  }

  private static String checkResults(List<String> images, List<ImageResult> results) {
    if (results == null) {
      return "no results";
    }
    if (results.size() != images.size()) {
      return results.size() + " results for " + images.size() + " images";
    }
    for (int i = 0; i < images.size(); i++) {
      if (results.get(i) == null || !images.get(i).equals(results.get(i).image())) {
        return "result " + i + " is not for image " + images.get(i);
      }
    }
    return null;
  }

  private static List<ImageResult> backendErrors(List<String> images, String text) {
    return images.stream().map(i -> backendError(i, text)).toList();
  }

  private static ImageResult backendError(String image, String text) {
    PolicyFailure failure = new PolicyFailure(null, PolicyMode.Enforce, ReasonCode.BackendError, text);
    return new ImageResult(image, digestWritten(image), List.of(), List.of(failure), false);
  }

  /** @return the digest of a {@code repo@sha256:<64 hex>} reference, so it is reported even without an answer */
  private static String digestWritten(String image) {
    try {
      ImageReference ref = ImageReference.parse(image);
      return ref.hasDigest() ? ref.digest().toString() : null;
    } catch (InvalidReferenceException | RuntimeException e) {
      return null;
    }
  }

  /**
   * @param d a duration
   * @return {@code 8s} for whole seconds, else milliseconds such as {@code 1500ms}
   */
  static String format(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }

  private static String shorten(String s) {
    return s.length() <= 160 ? s : s.substring(0, 160) + "…";
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Stops the evaluation workers; evaluations still running are interrupted. */
  @Override
  public void close() {
    workers.shutdownNow();
  }
}
