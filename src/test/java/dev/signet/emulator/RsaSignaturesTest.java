package dev.signet.emulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RsaSignaturesTest {
  static KeyPair pair;
  static final byte[] MESSAGE = "signed bytes".getBytes(StandardCharsets.UTF_8);

  @BeforeAll
  static void keys() {
    pair = VaultKeys.generate(1).get(0);
  }

  static java.util.Collection<String> algorithms() {
    return new java.util.TreeSet<>(RsaSignatures.ALGORITHMS.keySet());
  }

  static byte[] hash(RsaSignatures.Algorithm alg, byte[] m) throws Exception {
    return MessageDigest.getInstance(alg.hash()).digest(m);
  }

  @ParameterizedTest
  @MethodSource("algorithms")
  void digestSignatureVerifiesAsRawWithTheJdkAndBack(String name) throws Exception {
    RsaSignatures.Algorithm alg = RsaSignatures.ALGORITHMS.get(name);
    byte[] overDigest = RsaSignatures.sign(alg, pair.getPrivate(), hash(alg, MESSAGE), true);
    assertTrue(RsaSignatures.verify(alg, pair.getPublic(), MESSAGE, false, overDigest));
    byte[] overRaw = RsaSignatures.sign(alg, pair.getPrivate(), MESSAGE, false);
    assertTrue(RsaSignatures.verify(alg, pair.getPublic(), hash(alg, MESSAGE), true, overRaw));
    assertFalse(RsaSignatures.verify(alg, pair.getPublic(), hash(alg, "other".getBytes(StandardCharsets.UTF_8)),
        true, overRaw));
  }

  @Test
  void malformedSignaturesAreNotValid() throws Exception {
    RsaSignatures.Algorithm alg = RsaSignatures.ALGORITHMS.get("SHA_256_RSA_PKCS_PSS");
    byte[] digest = hash(alg, MESSAGE);
    assertFalse(RsaSignatures.verify(alg, pair.getPublic(), digest, true, new byte[0]));
    assertFalse(RsaSignatures.verify(alg, pair.getPublic(), digest, true, new byte[255]));
    byte[] allOnes = new byte[256];
    java.util.Arrays.fill(allOnes, (byte) 0xff);
    assertFalse(RsaSignatures.verify(alg, pair.getPublic(), digest, true, allOnes));
    assertFalse(RsaSignatures.verify(alg, pair.getPublic(), MESSAGE, false, new byte[3]));
  }
}
