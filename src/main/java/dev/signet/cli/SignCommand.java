package dev.signet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.image.ImageReference;
import dev.signet.image.InvalidReferenceException;
import dev.signet.image.OcirRepository;
import dev.signet.oci.OciEndpoints;
import dev.signet.oci.OciRegions;
import dev.signet.oci.OciSigningBackend;
import dev.signet.oci.OcirHosts;
import dev.signet.sign.ImageSigner;
import dev.signet.sign.SignOutcome;
import dev.signet.sign.SignRequest;
import dev.signet.sign.SignTarget;
import dev.signet.sign.SignableImage;
import dev.signet.verify.BackendException;
import dev.signet.verify.ImageNotFoundException;
import dev.signet.verify.SignatureRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code signet sign}: signs one image with an OCI Vault key and uploads the signature, producing exactly what the
 * OCI CLI's {@code oci artifacts container image-signature sign-upload} produces (same message bytes, Vault
 * {@code Sign} RAW, {@code CreateContainerImageSignature}). Idempotent unless {@code --force}. Exit 0 signed or
 * already signed, 2 OCI could not answer or refused, 64 bad usage or input (including an unknown image).
 */
@Command(name = "sign", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Sign one image with an OCI Vault key and upload the signature (like the OCI CLI's sign-upload).",
        "--region also sets the region written into the signed message (default: the image's registry region)."})
final class SignCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--image", paramLabel = "REF", description = "Image reference, e.g. phx.ocir.io/ns/repo:tag "
      + "(a tag is resolved to its digest first)")
  String image;

  @Option(names = "--image-id", paramLabel = "OCID",
      description = "Image OCID (ocid1.containerimage.…), instead of --image")
  String imageId;

  @Option(names = "--compartment-id", paramLabel = "OCID", description = "Compartment of the image's repository, "
      + "where the signature is created (required with --image; default with --image-id: the image's)")
  String compartmentId;

  @Option(names = "--kms-key-id", paramLabel = "OCID", required = true, description = "Vault master key OCID")
  String kmsKeyId;

  @Option(names = "--kms-key-version-id", paramLabel = "OCID", required = true, description = "Vault key version OCID")
  String kmsKeyVersionId;

  @Option(names = "--signing-algorithm", paramLabel = "ALG", required = true,
      description = "SHA_224_RSA_PKCS_PSS, SHA_256_RSA_PKCS_PSS, SHA_384_RSA_PKCS_PSS or SHA_512_RSA_PKCS_PSS")
  String signingAlgorithm;

  @Option(names = "--description", paramLabel = "TEXT", description = "Free text written into the signed message")
  String description;

  @Option(names = "--metadata", paramLabel = "JSON", description = "A JSON object written into the signed message "
      + "exactly as given, e.g. {\"buildNumber\":\"123\"}")
  String metadata;

  @Option(names = "--force", description = "Upload a new signature even if an equivalent one already exists")
  boolean force;

  @Option(names = "--output", paramLabel = "text|json", defaultValue = "text",
      description = "Output format (default: ${DEFAULT-VALUE})")
  String output;

  @Mixin
  OciOptions oci = new OciOptions();

  @Override
  public Integer call() {
    SignRequest request = request();
    PrintStream out = System.out;
    try (OciStack stack = OciStack.create(oci, new SimpleMeterRegistry())) {
      SignOutcome outcome = new ImageSigner(new OciSigningBackend(stack.clients())).sign(request);
      out.print(output.equals("json") ? json(outcome) : text(outcome));
      out.flush();
      return 0;
    } catch (ImageNotFoundException e) {
      throw new Main.UsageException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException(e.getMessage());
    } catch (BackendException e) {
      System.err.println("signet: " + e.getMessage());
      return 2;
    }
  }

  /** Checks the flags and builds the request; every problem is a usage error (exit 64). */
  private SignRequest request() {
    if (!output.equals("text") && !output.equals("json")) {
      throw new Main.UsageException("--output must be text or json, not '" + output + "'");
    }
    if ((image == null) == (imageId == null)) {
      throw new Main.UsageException("give exactly one of --image REF and --image-id OCID");
    }
    String keyProblem = OciEndpoints.checkKeyId(kmsKeyId);
    if (keyProblem != null) {
      throw new Main.UsageException("--kms-key-id: " + keyProblem);
    }
    if (!kmsKeyVersionId.startsWith("ocid1.keyversion.")) {
      throw new Main.UsageException("--kms-key-version-id must be a key version OCID (ocid1.keyversion.…), not '"
          + kmsKeyVersionId + "'");
    }
    if (compartmentId != null && !compartmentId.matches(dev.signet.policy.OcidPatterns.COMPARTMENT)) {
      throw new Main.UsageException("--compartment-id must be a compartment or tenancy OCID "
          + "(ocid1.compartment.<realm>..<id>), not '" + compartmentId + "'");
    }
    SignTarget target;
    if (imageId != null) {
      if (!imageId.startsWith("ocid1.containerimage.")) {
        throw new Main.UsageException("--image-id must be an image OCID (ocid1.containerimage.…), not '" + imageId
            + "'");
      }
      target = new SignTarget.ById(imageId);
    } else {
      if (compartmentId == null) {
        throw new Main.UsageException("--image needs --compartment-id (the compartment of the image's repository)");
      }
      target = byReference(image);
    }
    String messageRegion;
    try {
      messageRegion = oci.region == null ? null : OciRegions.regionId(oci.region);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageException("--region: " + e.getMessage());
    }
    return new SignRequest(target, compartmentId, kmsKeyId, kmsKeyVersionId, signingAlgorithm, description,
        metadata, messageRegion, force);
  }

  private static SignTarget byReference(String reference) {
    ImageReference ref;
    try {
      ref = ImageReference.parse(reference);
    } catch (InvalidReferenceException e) {
      throw new Main.UsageException(e.getMessage());
    }
    OcirRepository repo = OcirHosts.locate(ref).orElseThrow(() -> new Main.UsageException(reference
        + " is not an OCI Container Registry image (<region-code>.ocir.io/<tenancy-namespace>/<repository>)"));
    return new SignTarget.ByReference(repo, ref.hasDigest() ? null : ref.tag(), ref.digest());
  }

  private String text(SignOutcome outcome) {
    SignableImage i = outcome.image();
    String what = (image != null ? image : i.imageId()) + " (" + i.repositoryName() + "@" + i.digest() + ")";
    if (outcome instanceof SignOutcome.AlreadySigned already) {
      return what + " already has an AVAILABLE signature by key version " + kmsKeyVersionId + " with "
          + signingAlgorithm + ": " + already.existing().id() + "\nNothing uploaded (--force signs again).\n";
    }
    SignOutcome.Created created = (SignOutcome.Created) outcome;
    return "Signed " + what + " with key version " + kmsKeyVersionId + " (" + signingAlgorithm + ")\n"
        + "Signature " + created.signature().id() + " (" + created.signature().lifecycleState() + ")\n";
  }

  /** The signature (created or found) with {@code uploaded}, the image digest and repository. */
  private static String json(SignOutcome outcome) {
    SignatureRecord s = outcome instanceof SignOutcome.Created c ? c.signature()
        : ((SignOutcome.AlreadySigned) outcome).existing();
    ObjectNode node = JSON.createObjectNode();
    node.put("uploaded", outcome instanceof SignOutcome.Created);
    node.put("id", s.id());
    node.put("imageId", s.imageId());
    node.put("imageDigest", outcome.image().digest().toString());
    node.put("repositoryName", outcome.image().repositoryName());
    node.put("kmsKeyId", s.kmsKeyId());
    node.put("kmsKeyVersionId", s.kmsKeyVersionId());
    node.put("signingAlgorithm", s.signingAlgorithm());
    node.put("message", s.message());
    node.put("signature", s.signature());
    node.put("lifecycleState", s.lifecycleState());
    return node.toPrettyString() + "\n";
  }
}
