package dev.signet.emulator;

import dev.signet.verify.SignedMessage;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's OCIR contents: compartments, images and image signatures, built from an
 * {@link EmulatorSeed} (signatures are made at start with the {@link VaultKeys}). Thread-safe.
 */
final class ArtifactStore {
  /** Seed images are dated from here on, one hour apart, so ordering by time is stable. */
  static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  /** One tag of an image ({@code ContainerVersion}). */
  record TagVersion(String version, String createdBy, Instant timeCreated) {}

  /** A container image ({@code ContainerImage}); {@code versions} oldest first, the last is the latest tag. */
  record Image(String id, String compartmentId, String repositoryId, String repositoryName, String digest,
      List<TagVersion> versions, String createdBy, Instant timeCreated) {
    String latestTag() {
      return versions.isEmpty() ? null : versions.get(versions.size() - 1).version();
    }

    String displayName() {
      return repositoryName + "@" + digest;
    }
  }

  /** A container image signature ({@code ContainerImageSignature}). */
  record Signature(String id, String compartmentId, String imageId, String kmsKeyId, String kmsKeyVersionId,
      String message, String signature, String signingAlgorithm, String displayName, String createdBy,
      Instant timeCreated, String lifecycleState) {
    Signature withState(String state) {
      return new Signature(id, compartmentId, imageId, kmsKeyId, kmsKeyVersionId, message, signature,
          signingAlgorithm, displayName, createdBy, timeCreated, state);
    }
  }

  private final String region;
  private final String regionCode;
  private final String namespace;
  private final String userId;
  private final Map<String, String> compartmentParents = new HashMap<>();
  private final Map<String, Image> images = new LinkedHashMap<>();
  private final Map<String, Signature> signatures = new LinkedHashMap<>();
  private final AtomicLong serial = new AtomicLong();

  ArtifactStore(EmulatorSeed seed, VaultKeys keys, String userId) {
    this.region = seed.region();
    this.regionCode = seed.effectiveRegionCode();
    this.namespace = seed.tenancyNamespace();
    this.userId = userId;
    Map<String, String> compartmentIds = seed.compartmentIds();
    for (EmulatorSeed.Compartment c : seed.compartments()) {
      compartmentParents.put(compartmentIds.get(c.name()), c.parent() == null ? null : compartmentIds.get(c.parent()));
    }
    int imageIndex = 0;
    for (EmulatorSeed.Repository repo : seed.repositories()) {
      String compartment = compartmentIds.get(repo.compartment() != null ? repo.compartment()
          : seed.compartments().get(0).name());
      Map<String, Signature> firstByTag = new HashMap<>();
      for (EmulatorSeed.Image seedImage : repo.images()) {
        Image image = addImage(repo, seedImage, compartment, EPOCH.plus(Duration.ofHours(imageIndex++)));
        addSeedSignatures(repo, seedImage, image, keys, firstByTag);
      }
    }
  }

  private Image addImage(EmulatorSeed.Repository repo, EmulatorSeed.Image seedImage, String compartment, Instant t) {
    String digest = seedImage.digest() != null ? seedImage.digest() : SeedIds.digest(repo.name(), seedImage.tags().get(0));
    List<TagVersion> versions = new ArrayList<>();
    for (int i = 0; i < seedImage.tags().size(); i++) {
      versions.add(new TagVersion(seedImage.tags().get(i), userId, t.plus(Duration.ofMinutes(i))));
    }
    Image image = new Image(SeedIds.image(regionCode, namespace, repo.name(), digest), compartment,
        SeedIds.repository(regionCode, namespace, repo.name()), repo.name(), digest, List.copyOf(versions), userId, t);
    images.put(image.id(), image);
    return image;
  }

  private void addSeedSignatures(EmulatorSeed.Repository repo, EmulatorSeed.Image seedImage, Image image,
      VaultKeys keys, Map<String, Signature> firstByTag) {
    List<EmulatorSeed.Signature> sigs = seedImage.signatures();
    for (int i = 0; i < sigs.size(); i++) {
      EmulatorSeed.Signature s = sigs.get(i);
      Signature made;
      Instant t = image.timeCreated().plus(Duration.ofMinutes(30 + i));
      String id = SeedIds.signature(regionCode, namespace, image.digest() + "#" + i);
      if (s.replayOf() != null) {
        Signature original = firstByTag.get(s.replayOf());
        if (original == null) {
          throw new InvalidSeedException("replayOf '" + s.replayOf() + "' must name an image listed earlier in '"
              + repo.name() + "'");
        }
        made = new Signature(id, image.compartmentId(), image.id(), original.kmsKeyId(), original.kmsKeyVersionId(),
            original.message(), original.signature(), original.signingAlgorithm(),
            displayName(image, original.signingAlgorithm()), userId, t, s.state());
      } else {
        made = signSeed(s, image, keys, id, t);
      }
      signatures.put(made.id(), made);
      if (i == 0) {
        seedImage.tags().forEach(tag -> firstByTag.put(tag, signatures.get(id)));
      }
    }
  }

  private Signature signSeed(EmulatorSeed.Signature s, Image image, VaultKeys keys, String id, Instant t) {
    VaultKeys.Key key = keys.byName(s.key());
    VaultKeys.Version version = s.keyVersion() == null ? key.current() : key.versions().get(s.keyVersion() - 1);
    String message = new SignedMessage(s.description(), image.digest(), key.id(), version.id(), s.metadata(), region,
        image.repositoryName(), s.algorithm()).toBase64();
    byte[] sig;
    try {
      sig = RsaSignatures.sign(RsaSignatures.ALGORITHMS.get(s.algorithm()), version.pair().getPrivate(),
          Base64.getDecoder().decode(message), false);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign seed signature", e);
    }
    if (s.tamper()) {
      sig[sig.length / 2] ^= 0x01;
    }
    return new Signature(id, image.compartmentId(), image.id(), key.id(), version.id(), message,
        Base64.getEncoder().encodeToString(sig), s.algorithm(), displayName(image, s.algorithm()), userId, t, s.state());
  }

  private static String displayName(Image image, String algorithm) {
    return image.repositoryName() + ":" + image.latestTag() + "::" + algorithm;
  }

  /**
   * @param compartmentId a compartment OCID
   * @param subtree whether to include its descendants
   * @return the compartment ids in scope (empty when the compartment is unknown)
   */
  synchronized Set<String> scope(String compartmentId, boolean subtree) {
    Set<String> out = new HashSet<>();
    if (!compartmentParents.containsKey(compartmentId)) {
      return out;
    }
    out.add(compartmentId);
    boolean grew = subtree;
    while (grew) {
      grew = false;
      for (Map.Entry<String, String> e : compartmentParents.entrySet()) {
        if (e.getValue() != null && out.contains(e.getValue()) && out.add(e.getKey())) {
          grew = true;
        }
      }
    }
    return out;
  }

  synchronized boolean hasCompartment(String compartmentId) {
    return compartmentParents.containsKey(compartmentId);
  }

  synchronized List<Image> images() {
    return List.copyOf(images.values());
  }

  synchronized Optional<Image> image(String id) {
    return Optional.ofNullable(images.get(id));
  }

  synchronized List<Signature> signatures() {
    return List.copyOf(signatures.values());
  }

  synchronized Optional<Signature> signature(String id) {
    return Optional.ofNullable(signatures.get(id));
  }

  /** Stores a new AVAILABLE signature for {@code image} and returns it. */
  synchronized Signature create(Image image, String compartmentId, String kmsKeyId, String kmsKeyVersionId,
      String message, String signature, String algorithm) {
    String id = SeedIds.signature(regionCode, namespace, "created#" + serial.incrementAndGet() + "#" + Instant.now());
    Signature s = new Signature(id, compartmentId, image.id(), kmsKeyId, kmsKeyVersionId, message, signature,
        algorithm, displayName(image, algorithm), userId, Instant.now(), "AVAILABLE");
    signatures.put(id, s);
    return s;
  }

  /** Marks a signature DELETED; returns false when it does not exist or is already deleted. */
  synchronized boolean delete(String id) {
    Signature s = signatures.get(id);
    if (s == null || "DELETED".equals(s.lifecycleState())) {
      return false;
    }
    signatures.put(id, s.withState("DELETED"));
    return true;
  }
}
