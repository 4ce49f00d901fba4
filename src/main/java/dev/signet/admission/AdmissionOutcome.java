package dev.signet.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.verify.ReasonCode;
import java.time.Duration;
import java.util.List;

/**
 * The result of handling one admission request, for the HTTP answer, the decision log line and metrics.
 *
 * @param request the request handled
 * @param review the AdmissionReview to send back (HTTP 200)
 * @param decision allow, deny or warn
 * @param images the distinct images evaluated (empty when nothing was evaluated)
 * @param results the evaluator's results, one per image (empty when nothing was evaluated or evaluation failed)
 * @param reasons the distinct reason codes of every failure, in order of first appearance
 * @param note why nothing was evaluated ({@code "namespace kube-system is excluded"}, {@code "operation DELETE"},
 *     ...), or {@code ""}
 * @param duration wall time spent handling the request
 */
public record AdmissionOutcome(AdmissionRequest request, ObjectNode review, Decision decision, List<String> images,
    List<ImageResult> results, List<ReasonCode> reasons, String note, Duration duration) {
  /** Copies the lists. */
  public AdmissionOutcome {
    images = List.copyOf(images);
    results = List.copyOf(results);
    reasons = List.copyOf(reasons);
  }
}
