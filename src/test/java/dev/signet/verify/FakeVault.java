package dev.signet.verify;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Vault {@code Verify}: real RSA-PSS keys (salt = hash length, MGF1 of the same hash),
 * one per key version, verifying the stored base64 message as RAW bytes. Counts calls and can fail
 * with a {@link BackendException} for chosen signatures or for every call.
 */
public final class FakeVault implements SignatureVerifier {
  private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final Map<String, BackendException> failing = new ConcurrentHashMap<>();
  private volatile BackendException failAll;
  private volatile long sleepMillis;
  private volatile CountDownLatch gate = new CountDownLatch(0);

  @Override
  public boolean verify(TrustedKey key, SignatureRecord sig) throws BackendException {
    calls.incrementAndGet();
    pause();
    BackendException e = failing.getOrDefault(sig.id(), failAll);
    if (e != null) {
      throw e;
    }
    if (!key.kmsKeyId().equals(sig.kmsKeyId())) {
      return false;
    }
    try {
      Signature v = pss(sig.signingAlgorithm());
      v.initVerify(keyPair(sig.kmsKeyVersionId()).getPublic());
      v.update(Base64.getDecoder().decode(sig.message()));
      return v.verify(Base64.getDecoder().decode(sig.signature()));
    } catch (GeneralSecurityException | IllegalArgumentException ex) {
      return false;
    }
  }

  /**
   * Signs a message with the demo key version and returns the record OCIR would list.
   *
   * @param id signature OCID
   * @param keyName demo key that signs and that the record names
   * @param message the message (signed as the CLI's base64 bytes)
   * @param state lifecycle state
   * @return the record
   */
  public static SignatureRecord sign(String id, String keyName, SignedMessage message, String state) {
    String alg = message.signingAlgorithm() == null ? TestImages.PSS256 : message.signingAlgorithm();
    return signRaw(id, TestImages.key(keyName), TestImages.version(keyName), alg, message.toBase64(), state);
  }

  /** Signs arbitrary base64 message bytes with the key version named by the record fields. */
  public static SignatureRecord signRaw(String id, String keyId, String versionId, String alg, String base64,
      String state) {
    try {
      Signature s = pss(alg);
      s.initSign(keyPair(versionId).getPrivate());
      s.update(Base64.getDecoder().decode(base64));
      String sig = Base64.getEncoder().encodeToString(s.sign());
      return new SignatureRecord(id, "ocid1.containerimage.oc1.phx.test", keyId, versionId, alg, base64, sig, state);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return a copy of the record whose signature bytes no longer verify */
  public static SignatureRecord tampered(SignatureRecord r) {
    byte[] sig = Base64.getDecoder().decode(r.signature());
    sig[sig.length / 2] ^= 0x55;
    return new SignatureRecord(r.id(), r.imageId(), r.kmsKeyId(), r.kmsKeyVersionId(), r.signingAlgorithm(),
        r.message(), Base64.getEncoder().encodeToString(sig), r.lifecycleState());
  }

  /** Fails every call for this signature id with HTTP {@code status}. */
  public void failFor(String signatureId, int status) {
    failing.put(signatureId, new BackendException("Verify", status, "injected", null));
  }

  /** @param status HTTP status for every call, or 0 to stop failing */
  public void failAll(int status) {
    failAll = status == 0 ? null : new BackendException("Verify", status, "injected", null);
  }

  /** @param millis how long each call takes */
  public void sleep(long millis) {
    sleepMillis = millis;
  }

  /** @param latch every call waits (up to 30 s) until it is open */
  public void gate(CountDownLatch latch) {
    gate = latch;
  }

  /** @return how many Verify calls were made */
  public int calls() {
    return calls.get();
  }

  private void pause() {
    try {
      gate.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (sleepMillis > 0) {
      try {
        Thread.sleep(sleepMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static KeyPair keyPair(String versionId) {
    return KEYS.computeIfAbsent(versionId, v -> {
      try {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static Signature pss(String algorithm) throws GeneralSecurityException {
    String hash = switch (algorithm) {
      case "SHA_224_RSA_PKCS_PSS" -> "SHA-224";
      case "SHA_256_RSA_PKCS_PSS" -> "SHA-256";
      case "SHA_384_RSA_PKCS_PSS" -> "SHA-384";
      case "SHA_512_RSA_PKCS_PSS" -> "SHA-512";
      default -> throw new GeneralSecurityException("not a PSS algorithm: " + algorithm);
    };
    int saltLength = switch (hash) {
      case "SHA-224" -> 28;
      case "SHA-256" -> 32;
      case "SHA-384" -> 48;
      default -> 64;
    };
    Signature s = Signature.getInstance("RSASSA-PSS");
    s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1));
    return s;
  }

}
