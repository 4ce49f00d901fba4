package dev.signet.cli;

import dev.signet.admission.PolicyEvaluator;
import dev.signet.image.ImageReference;
import dev.signet.image.InvalidReferenceException;
import dev.signet.image.OcirRepository;
import dev.signet.oci.OcirHosts;
import dev.signet.policy.ClusterImageSignaturePolicy;
import dev.signet.policy.ClusterImageSignaturePolicySpec;
import dev.signet.policy.CompiledPolicy;
import dev.signet.policy.FilePolicySource;
import dev.signet.policy.PolicyCompiler;
import dev.signet.policy.PolicyFileException;
import dev.signet.policy.TrustedKeySpec;
import dev.signet.verify.ImageVerification;
import dev.signet.verify.Verdict;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code signet verify IMAGE}: checks one image the way admission does, but prints every signature's outcome.
 * Stricter than the OCI CLI's {@code get-verify}: the signed message must name this digest and repository.
 * Exit 0 verified, 1 not verified, 2 could not decide, 64 bad usage or input.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Verify one image's signatures through OCI Vault, like admission does.")
final class VerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IMAGE", description = "Image reference, e.g. phx.ocir.io/ns/repo:tag")
  String image;

  @Option(names = "--policy-file", paramLabel = "FILE",
      description = "Check against every policy in FILE that matches the image (any mode)")
  Path policyFile;

  @Option(names = "--compartment-id", paramLabel = "OCID", description = "Compartment of the repository")
  String compartmentId;

  @Option(names = "--compartment-id-in-subtree", description = "Search sub-compartments too")
  boolean inSubtree;

  @Option(names = "--trusted-keys", paramLabel = "KEY_OCID[,KEY_OCID...]", split = ",",
      description = "Trusted master encryption key OCIDs")
  List<String> trustedKeys;

  @Option(names = "--threshold", paramLabel = "N", defaultValue = "1",
      description = "Distinct trusted keys that must have signed (default: ${DEFAULT-VALUE})")
  int threshold;

  @Option(names = "--signing-algorithms", paramLabel = "ALG[,ALG...]", split = ",",
      description = "Allowed signing algorithms (default: the four SHA_*_RSA_PKCS_PSS)")
  List<String> algorithms;

  @Option(names = "--output", paramLabel = "text|json", defaultValue = "text",
      description = "Output format (default: ${DEFAULT-VALUE})")
  String output;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
      description = "Give up after this long (default: ${DEFAULT-VALUE})")
  Duration timeout;

  @Mixin
  OciOptions oci = new OciOptions();

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (!output.equals("text") && !output.equals("json")) {
      throw new Main.UsageException("--output must be text or json, not '" + output + "'");
    }
    ImageReference ref;
    try {
      ref = OcirHosts.canonicalise(ImageReference.parse(image));
    } catch (InvalidReferenceException e) {
      throw new Main.UsageException(e.getMessage());
    }
    List<CompiledPolicy> policies = policies(ref);
    Optional<OcirRepository> repo = OcirHosts.locate(ref);
    List<VerifyReport.PolicyVerdict> results = new ArrayList<>();
    if (repo.isEmpty()) {
      Verdict v = PolicyEvaluator.notLocatable(ref);
      policies.forEach(p -> results.add(new VerifyReport.PolicyVerdict(p.name(), v)));
    } else {
      try (OciStack stack = OciStack.create(oci, new SimpleMeterRegistry())) {
        ImageVerification verification = stack.directVerification();
        Instant deadline = Instant.now().plus(timeout);
        for (CompiledPolicy p : policies) {
          Verdict v = verification.verify(repo.get(), ref.hasDigest() ? null : ref.tag(), ref.digest(), p.trust(),
              deadline);
          results.add(new VerifyReport.PolicyVerdict(p.name(), v));
        }
      }
    }
    VerifyReport report = new VerifyReport(image, results);
    spec.commandLine().getOut().print(output.equals("json") ? report.json() : report.text());
    spec.commandLine().getOut().flush();
    return report.exitCode();
  }

  private List<CompiledPolicy> policies(ImageReference ref) {
    if (policyFile != null) {
      if (compartmentId != null || trustedKeys != null) {
        throw new Main.UsageException("--policy-file and --compartment-id/--trusted-keys exclude each other");
      }
      List<CompiledPolicy> all;
      try (FilePolicySource source = new FilePolicySource(policyFile)) {
        all = source.policies();
      } catch (PolicyFileException e) {
        throw new Main.UsageException(e.getMessage());
      }
      List<CompiledPolicy> matching = all.stream().filter(p -> p.matchesImage(ref.name())).toList();
      if (matching.isEmpty()) {
        throw new Main.UsageException("no policy in " + policyFile + " matches " + ref.name());
      }
      requireValid(matching);
      return matching;
    }
    if (compartmentId == null || trustedKeys == null || trustedKeys.isEmpty()) {
      throw new Main.UsageException("give --compartment-id and --trusted-keys, or --policy-file");
    }
    CompiledPolicy p = PolicyCompiler.compile(commandLinePolicy(ref));
    requireValid(List.of(p));
    return List.of(p);
  }

  private ClusterImageSignaturePolicy commandLinePolicy(ImageReference ref) {
    ClusterImageSignaturePolicySpec spec = new ClusterImageSignaturePolicySpec();
    spec.setMode("Enforce");
    spec.setImages(List.of(ref.name()));
    spec.setCompartmentId(compartmentId);
    spec.setCompartmentIdInSubtree(inSubtree);
    spec.setTrustedKeys(trustedKeys.stream().map(k -> new TrustedKeySpec(k.strip(), List.of(), null)).toList());
    spec.setThreshold(threshold);
    spec.setSigningAlgorithms(algorithms);
    ClusterImageSignaturePolicy policy = new ClusterImageSignaturePolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName("command-line").build());
    policy.setSpec(spec);
    return policy;
  }

  private static void requireValid(List<CompiledPolicy> policies) {
    List<String> problems = policies.stream().filter(p -> !p.valid())
        .map(p -> p.name() + ": " + p.problems().stream().map(Object::toString).collect(Collectors.joining("; ")))
        .toList();
    if (!problems.isEmpty()) {
      throw new Main.UsageException("invalid policy: " + String.join("; ", problems)
          .replace("spec.trustedKeys", "--trusted-keys").replace("spec.compartmentId", "--compartment-id")
          .replace("spec.threshold", "--threshold").replace("spec.signingAlgorithms", "--signing-algorithms"));
    }
  }
}
