package dev.signet.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsMaterialTest {
  private static Path tls(String name) throws Exception {
    return Path.of(TlsMaterialTest.class.getResource("/admission/tls/" + name).toURI());
  }

  @ParameterizedTest
  @CsvSource({"rsa.crt,rsa-pkcs1.key,RSA", "rsa.crt,rsa-pkcs8.key,RSA", "ec.crt,ec-sec1.key,EC",
      "ec.crt,ec-pkcs8.key,EC"})
  void loadsOpensslPemKeysInEveryUnencryptedForm(String cert, String key, String algorithm) throws Exception {
    TlsMaterial material = TlsMaterial.load(tls(cert), tls(key));
    assertEquals(algorithm, material.privateKey().getAlgorithm());
    assertEquals(1, material.chain().size());
    KeyStore store = material.keyStore("pw".toCharArray());
    assertEquals(material.leaf(), store.getCertificate(TlsMaterial.ALIAS));
  }

  @Test
  void refusesEncryptedKeys() {
    IOException e = assertThrows(IOException.class, () -> TlsMaterial.load(tls("ec.crt"), tls("ec-encrypted.key")));
    assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
  }

  @Test
  void refusesAKeyOfAnotherCertificate() {
    IOException e = assertThrows(IOException.class, () -> TlsMaterial.load(tls("rsa.crt"), tls("ec-sec1.key")));
    assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
  }

  @Test
  void refusesFilesWithoutCertificateOrKey() throws Exception {
    String cert = Files.readString(tls("ec.crt"));
    String key = Files.readString(tls("ec-sec1.key"));
    IOException noCert = assertThrows(IOException.class, () -> TlsMaterial.fromPem(key, key));
    assertTrue(noCert.getMessage().contains("no CERTIFICATE"), noCert.getMessage());
    IOException noKey = assertThrows(IOException.class, () -> TlsMaterial.fromPem(cert, cert));
    assertTrue(noKey.getMessage().contains("no PRIVATE KEY"), noKey.getMessage());
    assertThrows(IOException.class, () -> TlsMaterial.fromPem("", ""));
  }

  @Test
  void namesTheFileAndSaysWhyItCannotBeUsed(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("nope.pem");
    IOException e = assertThrows(IOException.class, () -> TlsMaterial.load(missing, tls("ec-sec1.key")));
    assertEquals(missing + " does not exist", e.getMessage());
    Path text = Files.writeString(dir.resolve("notes.txt"), "just some text\n");
    e = assertThrows(IOException.class, () -> TlsMaterial.load(tls("ec.crt"), text));
    assertEquals(text + " is not PEM (no -----BEGIN line)", e.getMessage());
    Path der = Files.write(dir.resolve("tls.der"), new byte[] {0x30, (byte) 0x82, 0x01, (byte) 0xff, 0x00});
    e = assertThrows(IOException.class, () -> TlsMaterial.load(der, tls("ec-sec1.key")));
    assertTrue(e.getMessage().startsWith(der + " is not PEM"), e.getMessage());
    e = assertThrows(IOException.class, () -> TlsMaterial.load(dir, tls("ec-sec1.key")));
    assertTrue(e.getMessage().startsWith(dir + " is a directory"), e.getMessage());
  }

  @Test
  void readsTheWholeChainLeafFirst() throws Exception {
    String chain = Files.readString(tls("ec.crt")) + Files.readString(tls("rsa.crt"));
    TlsMaterial material = TlsMaterial.fromPem(chain, Files.readString(tls("ec-sec1.key")));
    assertEquals(2, material.chain().size());
    assertEquals("EC", material.leaf().getPublicKey().getAlgorithm());
  }

  @Test
  void selfSignedCertificateCarriesTheRequestedNamesAndRoundTripsThroughPemFiles(@TempDir Path dir)
      throws Exception {
    TlsMaterial generated = SelfSignedCertificate.generate(List.of("signet.signet-system.svc", "127.0.0.1", "::1"));
    X509Certificate leaf = generated.leaf();
    leaf.checkValidity();
    leaf.verify(leaf.getPublicKey());
    Set<String> sans = leaf.getSubjectAlternativeNames().stream().map(l -> l.get(0) + "=" + l.get(1))
        .collect(Collectors.toSet());
    assertEquals(Set.of("2=signet.signet-system.svc", "7=127.0.0.1", "7=0:0:0:0:0:0:0:1"), sans);
    assertEquals(List.of("1.3.6.1.5.5.7.3.1"), leaf.getExtendedKeyUsage());

    Path cert = dir.resolve("tls.crt");
    Path key = dir.resolve("tls.key");
    generated.writePem(cert, key);
    assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
    TlsMaterial loaded = TlsMaterial.load(cert, key);
    assertEquals(leaf, loaded.leaf());
    assertEquals(generated.privateKey(), loaded.privateKey());
  }

  @Test
  void selfSignedCertificateDefaultsToLocalhostNames() throws Exception {
    X509Certificate leaf = SelfSignedCertificate.generate(List.of()).leaf();
    Set<Object> names = leaf.getSubjectAlternativeNames().stream().map(l -> l.get(1)).collect(Collectors.toSet());
    assertEquals(Set.of("localhost", "127.0.0.1"), names);
  }
}
