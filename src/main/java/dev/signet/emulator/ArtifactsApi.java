package dev.signet.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The container image and image signature operations of the OCI Artifacts API (version 20160918):
 * {@code GET /20160918/container/images}, {@code GET /20160918/container/images/{imageId}},
 * {@code GET|POST /20160918/container/imageSignatures},
 * {@code GET|DELETE /20160918/container/imageSignatures/{imageSignatureId}}.
 */
final class ArtifactsApi {
  static final String IMAGES = "/20160918/container/images";
  static final String SIGNATURES = "/20160918/container/imageSignatures";

  private final ArtifactStore store;

  ArtifactsApi(ArtifactStore store) {
    this.store = store;
  }

  /** ListContainerImages: {@code ContainerImageCollection {items, remainingItemsCount}}. */
  void listImages(Context ctx) {
    ListQuery q = new ListQuery(ctx);
    Set<String> scope = scope(q);
    boolean versioned = q.flag("isVersioned");
    String version = q.param("version");
    List<ArtifactStore.Image> matching = store.images().stream()
        .filter(i -> scope.contains(i.compartmentId()))
        .filter(i -> q.matchesRepository(i.repositoryName()))
        .filter(i -> q.matches("repositoryId", i.repositoryId()))
        .filter(i -> q.matches("imageId", i.id()))
        .filter(i -> q.matches("displayName", i.displayName()))
        .filter(i -> q.matches("lifecycleState", "AVAILABLE"))
        .filter(i -> !versioned || !i.versions().isEmpty())
        .filter(i -> version == null || i.versions().stream().anyMatch(v -> v.version().equals(version)))
        .toList();
    List<ArtifactStore.Image> page = q.page(matching, ArtifactStore.Image::displayName,
        ArtifactStore.Image::timeCreated, ArtifactStore.Image::id);
    OciJson.respond(ctx, collection(page, q.remaining(), OciJson::imageSummary));
  }

  /** GetContainerImage: {@code ContainerImage} with all {@code versions}, and an {@code etag}. */
  void getImage(Context ctx) {
    ArtifactStore.Image image = store.image(ctx.pathParam("imageId"))
        .orElseThrow(() -> OciError.notFound("Container image " + ctx.pathParam("imageId") + " not found"));
    ctx.header("etag", etag(image.id(), "AVAILABLE"));
    OciJson.respond(ctx, OciJson.image(image));
  }

  /** ListContainerImageSignatures: {@code ContainerImageSignatureCollection {items, remainingItemsCount}}. */
  void listSignatures(Context ctx) {
    ListQuery q = new ListQuery(ctx);
    Set<String> scope = scope(q);
    Map<String, ArtifactStore.Image> images = new java.util.HashMap<>();
    store.images().forEach(i -> images.put(i.id(), i));
    String digest = q.param("imageDigest");
    List<ArtifactStore.Signature> matching = store.signatures().stream()
        .filter(s -> scope.contains(s.compartmentId()))
        .filter(s -> q.matches("imageId", s.imageId()))
        .filter(s -> q.matches("displayName", s.displayName()))
        .filter(s -> q.matches("kmsKeyId", s.kmsKeyId()))
        .filter(s -> q.matches("kmsKeyVersionId", s.kmsKeyVersionId()))
        .filter(s -> q.matches("signingAlgorithm", s.signingAlgorithm()))
        .filter(s -> q.matches("lifecycleState", s.lifecycleState()))
        .filter(s -> {
          ArtifactStore.Image i = images.get(s.imageId());
          return i != null && q.matchesRepository(i.repositoryName()) && q.matches("repositoryId", i.repositoryId())
              && (digest == null || digest.equals(i.digest()));
        })
        .toList();
    List<ArtifactStore.Signature> page = q.page(matching, ArtifactStore.Signature::displayName,
        ArtifactStore.Signature::timeCreated, ArtifactStore.Signature::id);
    OciJson.respond(ctx, collection(page, q.remaining(), OciJson::signatureSummary));
  }

  /** GetContainerImageSignature: {@code ContainerImageSignature} and an {@code etag}. */
  void getSignature(Context ctx) {
    ArtifactStore.Signature s = signature(ctx.pathParam("imageSignatureId"));
    ctx.header("etag", etag(s.id(), s.lifecycleState()));
    OciJson.respond(ctx, OciJson.signature(s));
  }

  /** CreateContainerImageSignature: body {@code CreateContainerImageSignatureDetails}; answers the signature. */
  void createSignature(Context ctx) {
    ObjectNode body = OciJson.parseObject(ctx.bodyAsBytes());
    String compartmentId = OciJson.requiredText(body, "compartmentId");
    String imageId = OciJson.requiredText(body, "imageId");
    String kmsKeyId = OciJson.requiredText(body, "kmsKeyId");
    String kmsKeyVersionId = OciJson.requiredText(body, "kmsKeyVersionId");
    String message = OciJson.requiredText(body, "message");
    String signature = OciJson.requiredText(body, "signature");
    String algorithm = OciJson.requiredText(body, "signingAlgorithm");
    if (!SeedValidator.ALGORITHMS.contains(algorithm)) {
      throw OciError.invalidParameter("signingAlgorithm must be one of " + SeedValidator.ALGORITHMS);
    }
    if (!base64(message) || !base64(signature)) {
      throw OciError.invalidParameter("message and signature must be base64");
    }
    if (!store.hasCompartment(compartmentId)) {
      throw OciError.notFound("Compartment " + compartmentId + " not found");
    }
    ArtifactStore.Image image = store.image(imageId)
        .orElseThrow(() -> OciError.notFound("Container image " + imageId + " not found"));
    ArtifactStore.Signature created = store.create(image, compartmentId, kmsKeyId, kmsKeyVersionId, message,
        signature, algorithm);
    ctx.header("etag", etag(created.id(), created.lifecycleState()));
    OciJson.respond(ctx, OciJson.signature(created));
  }

  /**
   * DeleteContainerImageSignature: 204; the signature stays readable as {@code DELETED}. An
   * {@code if-match} header that is not the current etag is 412 {@code NoEtagMatch}.
   */
  void deleteSignature(Context ctx) {
    ArtifactStore.Signature s = signature(ctx.pathParam("imageSignatureId"));
    String ifMatch = ctx.header("if-match");
    if (ifMatch != null && !ifMatch.equals(etag(s.id(), s.lifecycleState()))) {
      throw new OciError(412, "NoEtagMatch", "The if-match etag does not match the signature's current etag");
    }
    if (!store.delete(s.id())) {
      throw OciError.notFound("Container image signature " + s.id() + " not found");
    }
    ctx.status(204);
  }

  private ArtifactStore.Signature signature(String id) {
    return store.signature(id)
        .orElseThrow(() -> OciError.notFound("Container image signature " + id + " not found"));
  }

  private Set<String> scope(ListQuery q) {
    String compartmentId = q.required("compartmentId");
    if (!store.hasCompartment(compartmentId)) {
      throw OciError.notFound("Compartment " + compartmentId + " not found or not authorized");
    }
    return store.scope(compartmentId, q.flag("compartmentIdInSubtree"));
  }

  private static <T> ObjectNode collection(List<T> page, int remaining, Function<T, ObjectNode> toJson) {
    ObjectNode n = OciJson.MAPPER.createObjectNode();
    ArrayNode items = n.putArray("items");
    page.forEach(p -> items.add(toJson.apply(p)));
    n.put("remainingItemsCount", remaining);
    return n;
  }

  private static String etag(String id, String state) {
    return DemoSeed.h(id + "|" + state).substring(0, 32);
  }

  private static boolean base64(String s) {
    try {
      java.util.Base64.getDecoder().decode(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
