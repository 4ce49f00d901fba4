package dev.signet.admission;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates a self-signed ECDSA P-256 server certificate (X.509 v3, RFC 5280) for {@code serve --demo} and tests:
 * subject {@code CN=<first name>}, the given DNS names and IP addresses as subject alternative names, key usage
 * digitalSignature, extended key usage serverAuth, valid from one hour ago.
 */
public final class SelfSignedCertificate {
  /** The names used when none are given. */
  public static final List<String> DEFAULT_NAMES = List.of("localhost", "127.0.0.1");
  /** How long a generated certificate is valid. */
  public static final Duration VALIDITY = Duration.ofDays(365);

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private SelfSignedCertificate() {}

  /**
   * @param names DNS names and IP address literals (IPv4 dotted, IPv6 with {@code :}); empty for
   *     {@link #DEFAULT_NAMES}
   * @return the certificate and its private key
   * @throws IllegalArgumentException when a name is blank
   * @throws IllegalStateException when the JDK lacks EC P-256 or SHA256withECDSA (not expected)
   */
  public static TlsMaterial generate(List<String> names) {
    List<String> sans = names == null || names.isEmpty() ? DEFAULT_NAMES : List.copyOf(names);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, sans.get(0)).build();
      Instant now = Instant.now();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
          new BigInteger(127, new SecureRandom()).add(BigInteger.ONE), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
      addExtensions(builder, sans);
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      return new TlsMaterial(List.of(cert), pair.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot generate a self-signed certificate: " + e.getMessage(), e);
    }
  }

  private static void addExtensions(X509v3CertificateBuilder builder, List<String> sans) throws CertIOException {
    GeneralName[] altNames = sans.stream().map(SelfSignedCertificate::generalName).toArray(GeneralName[]::new);
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames));
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
  }

  private static GeneralName generalName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("certificate names must not be blank");
    }
    boolean ip = IPV4.matcher(name).matches() || name.contains(":");
    return new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name);
  }
}
