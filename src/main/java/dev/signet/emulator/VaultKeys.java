package dev.signet.emulator;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The emulator's Vault master keys: one fresh RSA 2048 key pair per key version, generated at start.
 * Sign and Verify follow the OCI Vault crypto API ({@code POST /20180608/sign}, {@code /verify}).
 */
final class VaultKeys {
  /** One key version. */
  record Version(String keyId, String id, KeyPair pair, boolean enabled) {}

  /** One key with its versions, oldest first (the last is current). */
  record Key(String name, String id, List<Version> versions) {
    Version current() {
      return versions.get(versions.size() - 1);
    }
  }

  /** Result of a Sign call. */
  record Signed(String keyId, String keyVersionId, byte[] signature) {}

  private final Map<String, Key> byId = new LinkedHashMap<>();
  private final Map<String, Key> byName = new LinkedHashMap<>();

  VaultKeys(EmulatorSeed seed) {
    this(seed, generate(pairsNeeded(seed)));
  }

  /**
   * @param seed the seed
   * @param pairs at least {@link #pairsNeeded(EmulatorSeed)} fresh key pairs, used in seed order
   */
  VaultKeys(EmulatorSeed seed, List<KeyPair> pairs) {
    String code = seed.effectiveRegionCode();
    int next = 0;
    for (EmulatorSeed.Key k : seed.keys()) {
      String vault = k.vault() == null ? SeedIds.DEFAULT_VAULT : k.vault();
      String keyId = k.id() != null ? k.id() : SeedIds.key(code, vault, k.name());
      List<Version> versions = new ArrayList<>();
      for (int i = 0; i < k.versions().size(); i++) {
        EmulatorSeed.KeyVersion v = k.versions().get(i);
        String vid = v.id() != null ? v.id() : SeedIds.keyVersion(code, vault, k.name(), i + 1);
        versions.add(new Version(keyId, vid, pairs.get(next++), v.enabled()));
      }
      Key key = new Key(k.name(), keyId, List.copyOf(versions));
      byId.put(keyId, key);
      byName.put(k.name(), key);
    }
  }

  /** @return how many key pairs the seed's key versions need */
  static int pairsNeeded(EmulatorSeed seed) {
    return seed.keys().stream().mapToInt(k -> k.versions().size()).sum();
  }

  /**
   * @param count how many
   * @return that many fresh RSA 2048 key pairs, generated in parallel (generation dominates start-up)
   */
  static List<KeyPair> generate(int count) {
    return IntStream.range(0, count).parallel().mapToObj(i -> rsaGenerator().generateKeyPair()).toList();
  }

  /** @return the key with that seed name */
  Key byName(String name) {
    return byName.get(name);
  }

  /** @return the public key of that key version, if it exists */
  Optional<PublicKey> publicKey(String keyVersionId) {
    return byId.values().stream().flatMap(k -> k.versions().stream()).filter(v -> v.id().equals(keyVersionId))
        .findFirst().map(v -> v.pair().getPublic());
  }

  /**
   * Vault {@code Sign}.
   *
   * @throws OciError 404 for an unknown key or version, 409 for a disabled version, 400 for a bad algorithm
   *     or a DIGEST of the wrong length
   */
  Signed sign(String keyId, String keyVersionId, byte[] message, boolean digest, String algorithm) {
    Version v = version(keyId, keyVersionId);
    RsaSignatures.Algorithm alg = algorithm(algorithm, message, digest);
    try {
      return new Signed(keyId, v.id(), RsaSignatures.sign(alg, v.pair().getPrivate(), message, digest));
    } catch (GeneralSecurityException e) {
      throw new OciError(500, "InternalServerError", "signing failed");
    }
  }

  /**
   * Vault {@code Verify}.
   *
   * @return whether the signature is valid (a malformed signature is simply not valid)
   * @throws OciError as {@link #sign}
   */
  boolean verify(String keyId, String keyVersionId, byte[] message, boolean digest, String algorithm,
      byte[] signature) {
    Version v = version(keyId, keyVersionId);
    RsaSignatures.Algorithm alg = algorithm(algorithm, message, digest);
    if (signature == null) {
      return false;
    }
    try {
      return RsaSignatures.verify(alg, v.pair().getPublic(), message, digest, signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private Version version(String keyId, String keyVersionId) {
    Key key = keyId == null ? null : byId.get(keyId);
    if (key == null) {
      throw OciError.notFound("Key " + keyId + " not found or not authorized");
    }
    Version v = keyVersionId == null ? key.current()
        : key.versions().stream().filter(x -> x.id().equals(keyVersionId)).findFirst()
            .orElseThrow(() -> OciError.notFound("Key version " + keyVersionId + " not found or not authorized"));
    if (!v.enabled()) {
      throw OciError.incorrectState("Key version " + v.id() + " is disabled");
    }
    return v;
  }

  private static RsaSignatures.Algorithm algorithm(String name, byte[] message, boolean digest) {
    RsaSignatures.Algorithm alg = name == null ? null : RsaSignatures.ALGORITHMS.get(name);
    if (alg == null) {
      throw OciError.invalidParameter("signingAlgorithm must be one of " + RsaSignatures.ALGORITHMS.keySet()
          + " for an RSA key");
    }
    if (digest && message.length != alg.hashLength()) {
      throw OciError.invalidParameter("A DIGEST message for " + name + " must be " + alg.hashLength() + " bytes");
    }
    return alg;
  }

  private static KeyPairGenerator rsaGenerator() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      return gen;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available", e);
    }
  }
}
