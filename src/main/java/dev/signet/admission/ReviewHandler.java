package dev.signet.admission;

/**
 * Answers one parsed admission request; one per webhook path ({@code /validate}, later {@code /mutate}).
 * Implementations never throw for policy or backend problems: they answer with a denial instead.
 */
@FunctionalInterface
public interface ReviewHandler {
  /**
   * @param request the parsed request
   * @return the outcome, whose {@link AdmissionOutcome#review()} is sent back with HTTP 200
   */
  AdmissionOutcome handle(AdmissionRequest request);
}
