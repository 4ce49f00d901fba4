package dev.signet.admission;

import dev.signet.policy.ClusterImageSignaturePolicy;

/**
 * The handler behind {@code POST /validate}: requests for {@code signet.dev} {@code clusterimagesignaturepolicies}
 * go to the policy validation, everything else to the pod admission.
 */
public final class ValidateRouter implements ReviewHandler {
  /** Plural resource name of the policy CRD. */
  public static final String POLICY_RESOURCE = "clusterimagesignaturepolicies";

  private final ReviewHandler policies;
  private final ReviewHandler workloads;

  /**
   * @param policies validates policy objects, e.g. {@link PolicyValidationHandler}
   * @param workloads admits pod-carrying objects, e.g. {@link AdmissionHandler}
   */
  public ValidateRouter(ReviewHandler policies, ReviewHandler workloads) {
    this.policies = policies;
    this.workloads = workloads;
  }

  /**
   * @param request a parsed request
   * @return the outcome of the handler the request belongs to
   */
  @Override
  public AdmissionOutcome handle(AdmissionRequest request) {
    return (isPolicy(request) ? policies : workloads).handle(request);
  }

  /**
   * @param request a parsed request
   * @return true when it is about a {@code ClusterImageSignaturePolicy} (by {@code request.resource}, else by
   *     {@code request.kind})
   */
  public static boolean isPolicy(AdmissionRequest request) {
    AdmissionRequest.GroupVersionResource r = request.resource();
    if (!r.resource().isEmpty()) {
      return ClusterImageSignaturePolicy.GROUP.equals(r.group()) && POLICY_RESOURCE.equals(r.resource());
    }
    AdmissionRequest.GroupVersionKind k = request.kind();
    return ClusterImageSignaturePolicy.GROUP.equals(k.group()) && ClusterImageSignaturePolicy.KIND.equals(k.kind());
  }
}
