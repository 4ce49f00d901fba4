package dev.signet.admission;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A server certificate chain and its private key, loaded from PEM as cert-manager and openssl write them
 * (RFC 7468): certificates as {@code CERTIFICATE} blocks (leaf first), the key as PKCS#8 {@code PRIVATE KEY},
 * PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY} (unencrypted).
 *
 * @param chain the certificate chain, leaf first; not empty
 * @param privateKey the leaf's private key (RSA or EC)
 */
public record TlsMaterial(List<X509Certificate> chain, PrivateKey privateKey) {
  /** Alias of the key entry in {@link #keyStore}. */
  public static final String ALIAS = "signet";

  /**
   * Copies the chain.
   *
   * @throws IllegalArgumentException when the chain is empty or the key is missing
   */
  public TlsMaterial {
    if (chain == null || chain.isEmpty() || privateKey == null) {
      throw new IllegalArgumentException("TLS material needs a certificate chain and a private key");
    }
    chain = List.copyOf(chain);
  }

  /**
   * @param certFile PEM file with the certificate chain, leaf first
   * @param keyFile PEM file with the private key
   * @return the material
   * @throws IOException when a file does not exist, is not readable, is not PEM, holds no certificate or no key,
   *     the key is encrypted or of an unknown form, or the key does not belong to the leaf certificate; the
   *     message names the file and says which, e.g. {@code /tmp/tls.crt does not exist}
   */
  public static TlsMaterial load(Path certFile, Path keyFile) throws IOException {
    String certPem = readPem(certFile);
    String keyPem = readPem(keyFile);
    return fromPem(certPem, keyPem, certFile.toString(), keyFile.toString());
  }

  /** Reads a PEM file, saying in plain words why it cannot be used (missing, unreadable, not PEM). */
  private static String readPem(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new IOException(file + " does not exist");
    }
    if (Files.isDirectory(file)) {
      throw new IOException(file + " is a directory, not a PEM file");
    }
    if (!Files.isReadable(file)) {
      throw new IOException(file + " is not readable (check its permissions)");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (CharacterCodingException e) {
      throw new IOException(file + " is not PEM (binary content; DER files must be converted to PEM)", e);
    } catch (IOException e) {
      throw new IOException(file + " is not readable: " + e.getMessage(), e);
    }
    if (!text.contains("-----BEGIN ")) {
      throw new IOException(file + " is not PEM (no -----BEGIN line)");
    }
    return text;
  }

  /**
   * @param certPem PEM text with the certificate chain, leaf first
   * @param keyPem PEM text with the private key
   * @return the material
   * @throws IOException as for {@link #load}
   */
  public static TlsMaterial fromPem(String certPem, String keyPem) throws IOException {
    return fromPem(certPem, keyPem, "certificate PEM", "key PEM");
  }

  private static TlsMaterial fromPem(String certPem, String keyPem, String certName, String keyName)
      throws IOException {
    List<X509Certificate> chain = readCertificates(new StringReader(certPem), certName);
    PrivateKey key = readKey(new StringReader(keyPem), keyName);
    checkKeyMatches(chain.get(0), key, keyName);
    return new TlsMaterial(chain, key);
  }

  private static List<X509Certificate> readCertificates(Reader reader, String name) throws IOException {
    List<X509Certificate> chain = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (PEMParser parser = new PEMParser(reader)) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder holder) {
          chain.add(converter.getCertificate(holder));
        }
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IOException("cannot read certificates from " + name + ": " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IOException("no CERTIFICATE block in " + name);
    }
    return chain;
  }

  private static PrivateKey readKey(Reader reader, String name) throws IOException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = new PEMParser(reader)) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (o instanceof PEMKeyPair pair) {
          return converter.getKeyPair(pair).getPrivate();
        }
        if (o instanceof PKCS8EncryptedPrivateKeyInfo) {
          throw new IOException("encrypted private keys are not supported (" + name + ")");
        }
      }
    } catch (RuntimeException e) {
      throw new IOException("cannot read the private key from " + name + ": " + e.getMessage(), e);
    }
    throw new IOException("no PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block in " + name);
  }

  /** Signs a probe with the key and verifies it with the leaf's public key. */
  private static void checkKeyMatches(X509Certificate leaf, PrivateKey key, String keyName) throws IOException {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> throw new IOException("unsupported key algorithm " + key.getAlgorithm() + " in " + keyName);
    };
    byte[] probe = "signet tls key check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(leaf.getPublicKey());
      verifier.update(probe);
      if (!verifier.verify(signature)) {
        throw new IOException("the private key in " + keyName + " does not belong to the certificate");
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("the private key in " + keyName + " does not belong to the certificate: "
          + e.getMessage(), e);
    }
  }

  /** @return the leaf (server) certificate */
  public X509Certificate leaf() {
    return chain.get(0);
  }

  /**
   * @param password the password protecting the key entry
   * @return an in-memory PKCS#12 key store holding the chain and key under {@link #ALIAS}
   * @throws IllegalStateException when the JDK cannot build a PKCS#12 store (not expected)
   */
  public KeyStore keyStore(char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, privateKey, password, chain.toArray(new X509Certificate[0]));
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a PKCS#12 key store: " + e.getMessage(), e);
    }
  }

  /** @return the chain as PEM {@code CERTIFICATE} blocks (e.g. for a webhook {@code caBundle}) */
  public String certificatePem() {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (X509Certificate cert : chain) {
        writer.writeObject(cert);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a certificate as PEM", e);
    }
    return out.toString();
  }

  /** @return the key as a PKCS#8 {@code PRIVATE KEY} PEM block */
  public String privateKeyPem() {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(new PemObject("PRIVATE KEY", privateKey.getEncoded()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the private key as PEM", e);
    }
    return out.toString();
  }

  /**
   * Writes the chain and the key (PKCS#8) as PEM files; the key file is made owner-only where POSIX permissions
   * exist.
   *
   * @param certFile where to write the certificate chain
   * @param keyFile where to write the private key
   * @throws IOException when a file cannot be written
   */
  public void writePem(Path certFile, Path keyFile) throws IOException {
    Files.writeString(certFile, certificatePem(), StandardCharsets.US_ASCII);
    Files.writeString(keyFile, "", StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: keep the default permissions
    }
    Files.writeString(keyFile, privateKeyPem(), StandardCharsets.US_ASCII);
  }
}
