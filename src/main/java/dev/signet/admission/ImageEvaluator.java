package dev.signet.admission;

import java.time.Instant;
import java.util.List;

/** Evaluates the images of one admitted object against the policies (DESIGN §4 and §5). */
public interface ImageEvaluator {
  /**
   * @param namespace the namespace of the object ({@code ""} for cluster-scoped objects)
   * @param images distinct image references as written in the spec
   * @param deadline when the answer is needed; work past it counts as a backend error
   * @return one result per image, in the given order
   */
  List<ImageResult> evaluate(String namespace, List<String> images, Instant deadline);
}
