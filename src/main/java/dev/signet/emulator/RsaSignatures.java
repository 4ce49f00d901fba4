package dev.signet.emulator;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The RSA signing algorithms of the OCI Vault crypto API ({@code SHA_*_RSA_PKCS_PSS},
 * {@code SHA_*_RSA_PKCS1_V1_5}) for message type {@code RAW} (the message is hashed here) and
 * {@code DIGEST} (the message is already the hash). PSS uses MGF1 with the same hash and a salt as
 * long as the hash (RFC 8017 §9.1). RAW goes through the JDK's {@code RSASSA-PSS}/{@code SHAxxxwithRSA};
 * DIGEST encodes per RFC 8017 (EMSA-PSS / EMSA-PKCS1-v1_5) over the given hash.
 */
final class RsaSignatures {
  /** One Vault signing algorithm. */
  record Algorithm(String name, String hash, int hashLength, boolean pss, String digestInfoPrefixHex) {}

  static final Map<String, Algorithm> ALGORITHMS = Map.of(
      "SHA_224_RSA_PKCS_PSS", new Algorithm("SHA_224_RSA_PKCS_PSS", "SHA-224", 28, true, null),
      "SHA_256_RSA_PKCS_PSS", new Algorithm("SHA_256_RSA_PKCS_PSS", "SHA-256", 32, true, null),
      "SHA_384_RSA_PKCS_PSS", new Algorithm("SHA_384_RSA_PKCS_PSS", "SHA-384", 48, true, null),
      "SHA_512_RSA_PKCS_PSS", new Algorithm("SHA_512_RSA_PKCS_PSS", "SHA-512", 64, true, null),
      "SHA_224_RSA_PKCS1_V1_5", new Algorithm("SHA_224_RSA_PKCS1_V1_5", "SHA-224", 28, false,
          "302d300d06096086480165030402040500041c"),
      "SHA_256_RSA_PKCS1_V1_5", new Algorithm("SHA_256_RSA_PKCS1_V1_5", "SHA-256", 32, false,
          "3031300d060960864801650304020105000420"),
      "SHA_384_RSA_PKCS1_V1_5", new Algorithm("SHA_384_RSA_PKCS1_V1_5", "SHA-384", 48, false,
          "3041300d060960864801650304020205000430"),
      "SHA_512_RSA_PKCS1_V1_5", new Algorithm("SHA_512_RSA_PKCS1_V1_5", "SHA-512", 64, false,
          "3051300d060960864801650304020305000440"));

  private static final SecureRandom RANDOM = new SecureRandom();

  private RsaSignatures() {}

  /**
   * @param alg algorithm
   * @param key private key
   * @param message the message (RAW) or its hash (DIGEST)
   * @param digest whether {@code message} is already the hash
   * @return the signature bytes
   */
  static byte[] sign(Algorithm alg, PrivateKey key, byte[] message, boolean digest) throws GeneralSecurityException {
    if (!digest) {
      Signature s = jdkSignature(alg);
      s.initSign(key);
      s.update(message);
      return s.sign();
    }
    RSAPrivateKey rsa = (RSAPrivateKey) key;
    int emBits = rsa.getModulus().bitLength() - 1;
    byte[] em = alg.pss() ? pssEncode(alg, message, emBits) : pkcs1Encode(alg, message, (emBits + 8) / 8);
    BigInteger s = new BigInteger(1, em).modPow(rsa.getPrivateExponent(), rsa.getModulus());
    return toFixed(s, (rsa.getModulus().bitLength() + 7) / 8);
  }

  /**
   * @return whether {@code signature} is valid; any malformed input is simply "not valid"
   */
  static boolean verify(Algorithm alg, PublicKey key, byte[] message, boolean digest, byte[] signature)
      throws GeneralSecurityException {
    if (!digest) {
      Signature s = jdkSignature(alg);
      s.initVerify(key);
      s.update(message);
      try {
        return s.verify(signature);
      } catch (java.security.SignatureException e) {
        return false;
      }
    }
    RSAPublicKey rsa = (RSAPublicKey) key;
    int k = (rsa.getModulus().bitLength() + 7) / 8;
    BigInteger sig = new BigInteger(1, signature);
    if (signature.length != k || sig.compareTo(rsa.getModulus()) >= 0) {
      return false;
    }
    int emBits = rsa.getModulus().bitLength() - 1;
    int emLen = (emBits + 7) / 8;
    byte[] em = toFixed(sig.modPow(rsa.getPublicExponent(), rsa.getModulus()), alg.pss() ? emLen : k);
    if (em == null) {
      return false;
    }
    return alg.pss() ? pssVerify(alg, message, em, emBits) : MessageDigest.isEqual(em, pkcs1Encode(alg, message, k));
  }

  private static Signature jdkSignature(Algorithm alg) throws GeneralSecurityException {
    if (!alg.pss()) {
      return Signature.getInstance(alg.hash().replace("-", "") + "withRSA");
    }
    Signature s = Signature.getInstance("RSASSA-PSS");
    s.setParameter(new PSSParameterSpec(alg.hash(), "MGF1", new MGF1ParameterSpec(alg.hash()), alg.hashLength(), 1));
    return s;
  }

  private static byte[] pssEncode(Algorithm alg, byte[] mHash, int emBits) throws GeneralSecurityException {
    int hLen = alg.hashLength();
    int emLen = (emBits + 7) / 8;
    byte[] salt = new byte[hLen];
    RANDOM.nextBytes(salt);
    byte[] h = pssHash(alg, mHash, salt);
    byte[] db = new byte[emLen - hLen - 1];
    db[db.length - hLen - 1] = 1;
    System.arraycopy(salt, 0, db, db.length - hLen, hLen);
    byte[] mask = mgf1(alg, h, db.length);
    for (int i = 0; i < db.length; i++) {
      db[i] ^= mask[i];
    }
    db[0] &= (byte) (0xff >>> (8 * emLen - emBits));
    byte[] em = new byte[emLen];
    System.arraycopy(db, 0, em, 0, db.length);
    System.arraycopy(h, 0, em, db.length, hLen);
    em[emLen - 1] = (byte) 0xbc;
    return em;
  }

  private static boolean pssVerify(Algorithm alg, byte[] mHash, byte[] em, int emBits) throws GeneralSecurityException {
    int hLen = alg.hashLength();
    int emLen = em.length;
    int topBits = 8 * emLen - emBits;
    if (mHash.length != hLen || em[emLen - 1] != (byte) 0xbc || (em[0] & (0xff << (8 - topBits)) & 0xff) != 0) {
      return false;
    }
    byte[] db = Arrays.copyOfRange(em, 0, emLen - hLen - 1);
    byte[] h = Arrays.copyOfRange(em, emLen - hLen - 1, emLen - 1);
    byte[] mask = mgf1(alg, h, db.length);
    for (int i = 0; i < db.length; i++) {
      db[i] ^= mask[i];
    }
    db[0] &= (byte) (0xff >>> topBits);
    int ps = db.length - hLen - 1;
    for (int i = 0; i < ps; i++) {
      if (db[i] != 0) {
        return false;
      }
    }
    if (db[ps] != 1) {
      return false;
    }
    byte[] salt = Arrays.copyOfRange(db, db.length - hLen, db.length);
    return MessageDigest.isEqual(h, pssHash(alg, mHash, salt));
  }

  private static byte[] pssHash(Algorithm alg, byte[] mHash, byte[] salt) throws GeneralSecurityException {
    MessageDigest md = MessageDigest.getInstance(alg.hash());
    md.update(new byte[8]);
    md.update(mHash);
    md.update(salt);
    return md.digest();
  }

  private static byte[] mgf1(Algorithm alg, byte[] seed, int length) throws GeneralSecurityException {
    MessageDigest md = MessageDigest.getInstance(alg.hash());
    byte[] out = new byte[length];
    int done = 0;
    for (int counter = 0; done < length; counter++) {
      md.update(seed);
      md.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter});
      byte[] block = md.digest();
      int n = Math.min(block.length, length - done);
      System.arraycopy(block, 0, out, done, n);
      done += n;
    }
    return out;
  }

  private static byte[] pkcs1Encode(Algorithm alg, byte[] hash, int k) {
    byte[] t = HexFormat.of().parseHex(alg.digestInfoPrefixHex().toLowerCase(Locale.ROOT));
    byte[] em = new byte[k];
    Arrays.fill(em, (byte) 0xff);
    em[0] = 0;
    em[1] = 1;
    int tLen = t.length + hash.length;
    em[k - tLen - 1] = 0;
    System.arraycopy(t, 0, em, k - tLen, t.length);
    System.arraycopy(hash, 0, em, k - hash.length, hash.length);
    return em;
  }

  private static byte[] toFixed(BigInteger value, int length) {
    byte[] raw = value.toByteArray();
    if (raw.length == length) {
      return raw;
    }
    if (raw.length == length + 1 && raw[0] == 0) {
      return Arrays.copyOfRange(raw, 1, raw.length);
    }
    if (raw.length > length) {
      return null;
    }
    byte[] out = new byte[length];
    System.arraycopy(raw, 0, out, length - raw.length, raw.length);
    return out;
  }
}
