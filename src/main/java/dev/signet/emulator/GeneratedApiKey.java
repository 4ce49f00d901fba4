package dev.signet.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The API key the emulator generates at start: an RSA 2048 pair, its OCI fingerprint (MD5 of the
 * DER SubjectPublicKeyInfo, colon-separated) and the OCI config file that uses it.
 */
final class GeneratedApiKey {
  private final ApiKey apiKey;
  private final PublicKey publicKey;

  private GeneratedApiKey(ApiKey apiKey, PublicKey publicKey) {
    this.apiKey = apiKey;
    this.publicKey = publicKey;
  }

  /**
   * @param seed the seed (tenancy namespace and region)
   * @param pair a fresh RSA 2048 key pair
   */
  static GeneratedApiKey of(EmulatorSeed seed, KeyPair pair) {
    try {
      String pem = "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
      ApiKey key = new ApiKey(SeedIds.tenancy(seed.tenancyNamespace()), SeedIds.user(seed.tenancyNamespace()),
          fingerprint(pair.getPublic()), pem, seed.region());
      return new GeneratedApiKey(key, pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 is not available", e);
    }
  }

  /**
   * @param key an RSA public key
   * @return OCI's API key fingerprint: MD5 of the DER public key, lower-case hex pairs joined by {@code :}
   */
  static String fingerprint(PublicKey key) throws GeneralSecurityException {
    return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("MD5").digest(key.getEncoded()));
  }

  ApiKey apiKey() {
    return apiKey;
  }

  PublicKey publicKey() {
    return publicKey;
  }

  Path writeOciConfig(Path dir) {
    try {
      Files.createDirectories(dir);
      Path keyFile = dir.resolve("key.pem").toAbsolutePath();
      Path config = dir.resolve("config");
      writePrivate(keyFile, apiKey.privateKeyPem());
      String text = "[DEFAULT]\n"
          + "user=" + apiKey.userId() + "\n"
          + "fingerprint=" + apiKey.fingerprint() + "\n"
          + "tenancy=" + apiKey.tenancyId() + "\n"
          + "region=" + apiKey.region() + "\n"
          + "key_file=" + keyFile + "\n";
      writePrivate(config, text);
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write OCI config into " + dir, e);
    }
  }

  private static void writePrivate(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (posix) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
