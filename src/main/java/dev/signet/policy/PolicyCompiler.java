package dev.signet.policy;

import dev.signet.verify.TrustSet;
import dev.signet.verify.TrustedKey;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiles a {@link ClusterImageSignaturePolicy} into an immutable {@link CompiledPolicy}, recording every
 * problem with its field path (e.g. {@code spec.trustedKeys[1].kmsKeyId}) instead of throwing.
 *
 * <p>Defaults: {@code mode} Enforce, {@code threshold} 1, {@code compartmentIdInSubtree} and
 * {@code pinDigests} false, empty {@code signingAlgorithms} = the four PSS algorithms, no
 * {@code namespaceSelector} = all namespaces. An invalid policy fails closed: an invalid mode compiles as
 * Enforce, an invalid selector as all namespaces, and the valid globs are kept, so that admission can deny
 * what they match with {@code PolicyInvalid}. The trust set is {@code null} when the trust part
 * (compartment, keys, versions, endpoints, threshold, algorithms) has any problem.
 */
public final class PolicyCompiler {
  /** Name used for a policy without {@code metadata.name}. */
  public static final String UNNAMED = "<unnamed>";

  private static final Pattern COMPARTMENT_OCID = Pattern.compile(OcidPatterns.COMPARTMENT);
  private static final Pattern KEY_OCID = Pattern.compile(OcidPatterns.KEY);
  private static final Pattern KEY_VERSION_OCID = Pattern.compile(OcidPatterns.KEY_VERSION);

  private PolicyCompiler() {}

  /**
   * @param policy a policy as read from the cluster or a file (may be incomplete or null)
   * @return the compiled policy; its {@code problems} list what is wrong (empty when valid)
   */
  public static CompiledPolicy compile(ClusterImageSignaturePolicy policy) {
    List<PolicyProblem> problems = new ArrayList<>();
    ObjectMeta meta = policy == null ? null : policy.getMetadata();
    String name = meta == null || meta.getName() == null || meta.getName().isBlank() ? null : meta.getName();
    if (name == null) {
      problems.add(new PolicyProblem("metadata.name", "is required"));
    }
    long generation = meta == null || meta.getGeneration() == null ? 0 : meta.getGeneration();
    ClusterImageSignaturePolicySpec spec = policy == null ? null : policy.getSpec();
    if (spec == null) {
      problems.add(new PolicyProblem("spec", "is required"));
      spec = new ClusterImageSignaturePolicySpec();
    }
    PolicyMode mode = mode(spec.getMode(), problems);
    List<ImageGlob> images = images(spec.getImages(), problems);
    int before = problems.size();
    TrustSet trust = trust(spec, problems);
    if (problems.size() > before) {
      trust = null;
    }
    NamespaceSelector selector = selector(spec, problems);
    return new CompiledPolicy(name == null ? UNNAMED : name, generation, mode, images, trust, selector,
        Boolean.TRUE.equals(spec.getPinDigests()), problems);
  }

  private static PolicyMode mode(String mode, List<PolicyProblem> problems) {
    if (mode == null || mode.equals("Enforce")) {
      return PolicyMode.Enforce;
    }
    if (mode.equals("Audit")) {
      return PolicyMode.Audit;
    }
    problems.add(new PolicyProblem("spec.mode", "must be Enforce or Audit, not '" + mode + "'"));
    return PolicyMode.Enforce;
  }

  private static List<ImageGlob> images(List<String> globs, List<PolicyProblem> problems) {
    List<ImageGlob> out = new ArrayList<>();
    if (globs == null || globs.isEmpty()) {
      problems.add(new PolicyProblem("spec.images", "at least one image glob is required"));
      return out;
    }
    for (int i = 0; i < globs.size(); i++) {
      try {
        out.add(ImageGlob.compile(globs.get(i)));
      } catch (IllegalArgumentException e) {
        problems.add(new PolicyProblem("spec.images[" + i + "]", e.getMessage()));
      }
    }
    return out;
  }

  private static TrustSet trust(ClusterImageSignaturePolicySpec spec, List<PolicyProblem> problems) {
    String compartment = spec.getCompartmentId();
    if (compartment == null || compartment.isBlank()) {
      problems.add(new PolicyProblem("spec.compartmentId", "is required"));
    } else if (!COMPARTMENT_OCID.matcher(compartment).matches()) {
      problems.add(new PolicyProblem("spec.compartmentId", "'" + compartment
          + "' is not a compartment or tenancy OCID (ocid1.compartment.<realm>..<id>)"));
    }
    List<TrustedKey> keys = keys(spec.getTrustedKeys(), problems);
    int threshold = spec.getThreshold() == null ? 1 : spec.getThreshold();
    int distinct = distinctKeyIds(spec.getTrustedKeys());
    if (threshold < 1) {
      problems.add(new PolicyProblem("spec.threshold", "must be at least 1, not " + threshold));
    } else if (distinct > 0 && threshold > distinct) {
      problems.add(new PolicyProblem("spec.threshold", "is " + threshold + " but only " + distinct
          + " distinct trusted key" + (distinct == 1 ? " is" : "s are") + " listed"));
    }
    Set<String> algorithms = algorithms(spec.getSigningAlgorithms(), problems);
    boolean subtree = Boolean.TRUE.equals(spec.getCompartmentIdInSubtree());
    return new TrustSet(compartment, subtree, keys, algorithms, Math.max(threshold, 1));
  }

  /**
   * @param specs trusted keys as written (may be null)
   * @return the number of distinct non-blank {@code kmsKeyId}s, valid or not (the status's trustedKeyCount)
   */
  public static int distinctKeyIds(List<TrustedKeySpec> specs) {
    Set<String> ids = new LinkedHashSet<>();
    for (TrustedKeySpec k : specs == null ? List.<TrustedKeySpec>of() : specs) {
      if (k != null && k.getKmsKeyId() != null && !k.getKmsKeyId().isBlank()) {
        ids.add(k.getKmsKeyId());
      }
    }
    return ids.size();
  }

  private static List<TrustedKey> keys(List<TrustedKeySpec> specs, List<PolicyProblem> problems) {
    List<TrustedKey> keys = new ArrayList<>();
    if (specs == null || specs.isEmpty()) {
      problems.add(new PolicyProblem("spec.trustedKeys", "at least one trusted key is required"));
      return keys;
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      String path = "spec.trustedKeys[" + i + "]";
      TrustedKeySpec k = specs.get(i);
      if (k == null) {
        problems.add(new PolicyProblem(path, "must not be null"));
        continue;
      }
      String id = k.getKmsKeyId();
      if (id == null || id.isBlank()) {
        problems.add(new PolicyProblem(path + ".kmsKeyId", "is required"));
      } else if (!KEY_OCID.matcher(id).matches()) {
        problems.add(new PolicyProblem(path + ".kmsKeyId", "'" + id
            + "' is not a key OCID (ocid1.key.<realm>.<region>.<vault>.<id>)"));
      } else if (seen.containsKey(id)) {
        problems.add(new PolicyProblem(path + ".kmsKeyId", "duplicates spec.trustedKeys[" + seen.get(id)
            + "].kmsKeyId"));
      } else {
        seen.put(id, i);
        keys.add(new TrustedKey(id, versions(k.getKmsKeyVersionIds(), path, problems),
            endpoint(k.getCryptoEndpoint(), path, problems)));
      }
    }
    return keys;
  }

  private static Set<String> versions(List<String> versions, String path, List<PolicyProblem> problems) {
    Set<String> out = new LinkedHashSet<>();
    for (int j = 0; versions != null && j < versions.size(); j++) {
      String v = versions.get(j);
      if (v == null || !KEY_VERSION_OCID.matcher(v).matches()) {
        problems.add(new PolicyProblem(path + ".kmsKeyVersionIds[" + j + "]", "'" + v
            + "' is not a key version OCID (ocid1.keyversion.<realm>.<region>...<id>)"));
      } else {
        out.add(v);
      }
    }
    return out;
  }

  private static String endpoint(String endpoint, String path, List<PolicyProblem> problems) {
    if (endpoint == null || endpoint.isBlank()) {
      return null;
    }
    String why = null;
    try {
      URI uri = new URI(endpoint);
      if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
        why = "must be an http or https URL";
      } else if (uri.getHost() == null) {
        why = "has no host";
      } else if (uri.getRawUserInfo() != null) {
        why = "must not carry credentials";
      } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        why = "must not have a query or fragment";
      }
    } catch (URISyntaxException e) {
      why = "is not a URL (" + e.getReason() + ")";
    }
    if (why != null) {
      // The URL itself is left out of the message: it could carry credentials.
      problems.add(new PolicyProblem(path + ".cryptoEndpoint", why));
      return null;
    }
    return endpoint;
  }

  private static Set<String> algorithms(List<String> algorithms, List<PolicyProblem> problems) {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; algorithms != null && i < algorithms.size(); i++) {
      String a = algorithms.get(i);
      if (a == null || !TrustSet.PSS_ALGORITHMS.contains(a)) {
        problems.add(new PolicyProblem("spec.signingAlgorithms[" + i + "]", "'" + a + "' is not one of "
            + "SHA_224_RSA_PKCS_PSS, SHA_256_RSA_PKCS_PSS, SHA_384_RSA_PKCS_PSS, SHA_512_RSA_PKCS_PSS"));
      } else {
        out.add(a);
      }
    }
    return out;
  }

  private static NamespaceSelector selector(ClusterImageSignaturePolicySpec spec, List<PolicyProblem> problems) {
    List<PolicyProblem> found = NamespaceSelector.validate(spec.getNamespaceSelector(), "spec.namespaceSelector");
    if (!found.isEmpty()) {
      problems.addAll(found);
      return NamespaceSelector.ALL;
    }
    return NamespaceSelector.compile(spec.getNamespaceSelector());
  }
}
