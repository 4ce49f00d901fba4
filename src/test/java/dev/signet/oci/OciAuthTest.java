package dev.signet.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciAuthTest {
  @TempDir
  Path dir;
  Path keyFile;

  @BeforeEach
  void writeKey() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(gen.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    keyFile = dir.resolve("key.pem");
    Files.writeString(keyFile, pem);
  }

  private Path config(String profile, String region, Path key) throws IOException {
    Path file = dir.resolve("config");
    Files.writeString(file, "[" + profile + "]\nuser=ocid1.user.oc1..aaaa\ntenancy=ocid1.tenancy.oc1..bbbb\n"
        + "fingerprint=11:22:33:44:55:66:77:88:99:00:aa:bb:cc:dd:ee:ff\nkey_file=" + key + "\n"
        + (region == null ? "" : "region=" + region + "\n"));
    return file;
  }

  @Test
  void configFileAuthTakesRegionFromProfile() throws Exception {
    OciAuth auth = OciAuth.create(OciAuthOptions.configFile(config("DEFAULT", "us-phoenix-1", keyFile), null, null));
    assertEquals("us-phoenix-1", auth.regionId());
    assertEquals(OciAuthOptions.Mode.CONFIG_FILE, auth.mode());
    assertEquals("ocid1.tenancy.oc1..bbbb/ocid1.user.oc1..aaaa/11:22:33:44:55:66:77:88:99:00:aa:bb:cc:dd:ee:ff",
        auth.provider().getKeyId());
  }

  @Test
  void configFileAuthFallsBackToRegionOption() throws Exception {
    OciAuth auth = OciAuth.create(OciAuthOptions.configFile(config("ci", null, keyFile), "ci", "iad"));
    assertEquals("us-ashburn-1", auth.regionId());
  }

  @Test
  void failsFastWithoutAnyRegion() throws Exception {
    Path file = config("DEFAULT", null, keyFile);
    OciAuthException e = assertThrows(OciAuthException.class,
        () -> OciAuth.create(OciAuthOptions.configFile(file, null, null)));
    assertTrue(e.getMessage().contains("no OCI region"), e.getMessage());
  }

  @Test
  void failsFastWhenConfigFileIsMissing() {
    OciAuthException e = assertThrows(OciAuthException.class,
        () -> OciAuth.create(OciAuthOptions.configFile(dir.resolve("nope"), null, null)));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void failsFastWhenProfileIsMissing() throws Exception {
    Path file = config("DEFAULT", "us-phoenix-1", keyFile);
    OciAuthException e = assertThrows(OciAuthException.class,
        () -> OciAuth.create(OciAuthOptions.configFile(file, "OTHER", null)));
    assertTrue(e.getMessage().contains("[OTHER]"), e.getMessage());
  }

  @Test
  void failsFastWhenKeyFileIsMissing() throws Exception {
    Path file = config("DEFAULT", "us-phoenix-1", dir.resolve("missing.pem"));
    OciAuthException e = assertThrows(OciAuthException.class,
        () -> OciAuth.create(OciAuthOptions.configFile(file, null, null)));
    assertTrue(e.getMessage().contains("missing.pem"), e.getMessage());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void failsFastWhenProfileLacksFingerprint() throws Exception {
    Path file = dir.resolve("config");
    Files.writeString(file, "[DEFAULT]\nuser=u\ntenancy=t\nkey_file=" + keyFile + "\nregion=us-phoenix-1\n");
    OciAuthException e = assertThrows(OciAuthException.class,
        () -> OciAuth.create(OciAuthOptions.configFile(file, null, null)));
    assertTrue(e.getMessage().contains("'fingerprint'"), e.getMessage());
  }

  @Test
  void instancePrincipalFailsFastWhenMetadataServiceIsUnreachable() throws Exception {
    OciAuthOptions options = new OciAuthOptions(OciAuthOptions.Mode.INSTANCE_PRINCIPAL, null, null, null,
        "http://127.0.0.1:" + closedPort() + "/opc/v2/", null);
    OciAuthException e = assertThrows(OciAuthException.class, () -> OciAuth.create(options));
    assertTrue(e.getMessage().contains("instance principal"), e.getMessage());
  }

  @Test
  void resourcePrincipalFailsFastWithoutItsEnvironment() {
    assumeTrue(System.getenv("OCI_RESOURCE_PRINCIPAL_VERSION") == null);
    OciAuthOptions options = new OciAuthOptions(OciAuthOptions.Mode.RESOURCE_PRINCIPAL, null, null, null, null, null);
    OciAuthException e = assertThrows(OciAuthException.class, () -> OciAuth.create(options));
    assertTrue(e.getMessage().contains("OCI_RESOURCE_PRINCIPAL_"), e.getMessage());
  }

  @Test
  void workloadIdentityFailsFastWithoutServiceAccountToken() {
    OciAuthOptions options = new OciAuthOptions(OciAuthOptions.Mode.WORKLOAD_IDENTITY, null, null, "phx",
        "http://127.0.0.1:1/opc/v2/", dir.resolve("token"));
    OciAuthException e = assertThrows(OciAuthException.class, () -> OciAuth.create(options));
    assertTrue(e.getMessage().contains("service account token"), e.getMessage());
  }

  @Test
  void parsesModeFlagValues() {
    assertEquals(OciAuthOptions.Mode.WORKLOAD_IDENTITY, OciAuthOptions.Mode.parse("workload-identity"));
    assertEquals(OciAuthOptions.Mode.CONFIG_FILE, OciAuthOptions.Mode.parse(" Config-File "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OciAuthOptions.Mode.parse("api-key"));
    assertTrue(e.getMessage().contains("instance-principal"));
  }

  @Test
  void optionsFillDefaults() {
    OciAuthOptions o = new OciAuthOptions(null, null, " ", "", null, null);
    assertEquals(OciAuthOptions.Mode.CONFIG_FILE, o.mode());
    assertEquals("DEFAULT", o.profile());
    assertEquals(Path.of(System.getProperty("user.home"), ".oci", "config"), o.configPath());
    assertEquals(OciAuthOptions.DEFAULT_TOKEN_PATH, o.serviceAccountTokenPath());
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
