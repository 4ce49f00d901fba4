package dev.signet.emulator;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks an {@link EmulatorSeed} and throws {@link InvalidSeedException} naming the first problem. */
final class SeedValidator {
  static final List<String> ALGORITHMS = List.of("SHA_224_RSA_PKCS_PSS", "SHA_256_RSA_PKCS_PSS",
      "SHA_384_RSA_PKCS_PSS", "SHA_512_RSA_PKCS_PSS");
  static final List<String> STATES = List.of("AVAILABLE", "DELETING", "DELETED");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private final EmulatorSeed seed;
  private final String source;

  SeedValidator(EmulatorSeed seed, String source) {
    this.seed = seed;
    this.source = source;
  }

  void validate() {
    require(notBlank(seed.region()), "'region' is required (e.g. us-phoenix-1)");
    require(notBlank(seed.tenancyNamespace()), "'tenancyNamespace' is required");
    require(seed.effectiveRegionCode() != null,
        "'regionCode' is required for region " + seed.region() + " (e.g. phx for us-phoenix-1)");
    Set<String> compartments = validateCompartments();
    Map<String, Integer> keyVersions = validateKeys();
    Set<String> repos = new HashSet<>();
    for (EmulatorSeed.Repository repo : seed.repositories()) {
      require(repo.name() != null && REPOSITORY.matcher(repo.name()).matches(),
          "repository name '" + repo.name() + "' must be a lower-case path like project01/app");
      require(repos.add(repo.name()), "repository '" + repo.name() + "' is listed twice");
      require(!seed.compartments().isEmpty(), "repositories need at least one compartment");
      require(repo.compartment() == null || compartments.contains(repo.compartment()),
          "repository '" + repo.name() + "' names unknown compartment '" + repo.compartment() + "'");
      validateImages(repo, keyVersions);
    }
  }

  private Set<String> validateCompartments() {
    Set<String> names = new HashSet<>();
    for (EmulatorSeed.Compartment c : seed.compartments()) {
      require(notBlank(c.name()), "every compartment needs a 'name'");
      require(names.add(c.name()), "compartment '" + c.name() + "' is listed twice");
    }
    for (EmulatorSeed.Compartment c : seed.compartments()) {
      require(c.parent() == null || names.contains(c.parent()),
          "compartment '" + c.name() + "' names unknown parent '" + c.parent() + "'");
      require(!c.name().equals(c.parent()), "compartment '" + c.name() + "' is its own parent");
    }
    return names;
  }

  private Map<String, Integer> validateKeys() {
    Map<String, Integer> versions = new HashMap<>();
    for (EmulatorSeed.Key k : seed.keys()) {
      require(notBlank(k.name()), "every key needs a 'name'");
      require(versions.put(k.name(), k.versions().size()) == null, "key '" + k.name() + "' is listed twice");
      require(k.id() == null || k.id().startsWith("ocid1.key."), "key '" + k.name() + "' id must start with ocid1.key.");
      for (EmulatorSeed.KeyVersion v : k.versions()) {
        require(v.id() == null || v.id().startsWith("ocid1.keyversion."),
            "key '" + k.name() + "' version id must start with ocid1.keyversion.");
      }
    }
    return versions;
  }

  private void validateImages(EmulatorSeed.Repository repo, Map<String, Integer> keyVersions) {
    Map<String, EmulatorSeed.Image> byTag = new HashMap<>();
    Set<String> digests = new HashSet<>();
    for (EmulatorSeed.Image image : repo.images()) {
      require(!image.tags().isEmpty(), "an image of '" + repo.name() + "' has no tags");
      for (String tag : image.tags()) {
        require(tag != null && TAG.matcher(tag).matches(), "tag '" + tag + "' in '" + repo.name() + "' is not a valid tag");
        require(byTag.put(tag, image) == null, "tag '" + tag + "' is used twice in '" + repo.name() + "'");
      }
      require(image.digest() == null || DIGEST.matcher(image.digest()).matches(),
          "digest '" + image.digest() + "' must be sha256:<64 lower-case hex>");
      String digest = image.digest() == null ? SeedIds.digest(repo.name(), image.tags().get(0)) : image.digest();
      require(digests.add(digest), "digest " + digest + " is used by two images of '" + repo.name() + "'");
    }
    for (EmulatorSeed.Image image : repo.images()) {
      for (EmulatorSeed.Signature sig : image.signatures()) {
        validateSignature(repo, image, sig, keyVersions, byTag);
      }
    }
  }

  private void validateSignature(EmulatorSeed.Repository repo, EmulatorSeed.Image image, EmulatorSeed.Signature sig,
      Map<String, Integer> keyVersions, Map<String, EmulatorSeed.Image> byTag) {
    String where = "signature on " + repo.name() + ":" + image.tags().get(0);
    require(STATES.contains(sig.state()), where + ": state must be one of " + STATES);
    if (sig.replayOf() != null) {
      EmulatorSeed.Image original = byTag.get(sig.replayOf());
      require(original != null, where + ": replayOf names unknown tag '" + sig.replayOf() + "'");
      require(original != image, where + ": replayOf must name another image");
      require(repo.images().indexOf(original) < repo.images().indexOf(image),
          where + ": replayOf '" + sig.replayOf() + "' must name an image listed earlier");
      require(!original.signatures().isEmpty() && original.signatures().get(0).replayOf() == null,
          where + ": replayOf '" + sig.replayOf() + "' must name an image whose first signature is not itself a replay");
      return;
    }
    require(sig.key() != null && keyVersions.containsKey(sig.key()), where + ": unknown key '" + sig.key() + "'");
    require(sig.keyVersion() == null || (sig.keyVersion() >= 1 && sig.keyVersion() <= keyVersions.get(sig.key())),
        where + ": key '" + sig.key() + "' has no version " + sig.keyVersion());
    require(ALGORITHMS.contains(sig.algorithm()), where + ": algorithm must be one of " + ALGORITHMS);
  }

  private void require(boolean ok, String problem) {
    if (!ok) {
      throw new InvalidSeedException(source + ": " + problem);
    }
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
