package dev.signet.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.verify.TrustedKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OciEndpointsTest {
  private static final String UNIQUE = "a".repeat(30) + "0123456789abcdefghijklmnopqrst";
  private static final String PHX_KEY = "ocid1.key.oc1.phx.bbx3e2vuaaeuk." + UNIQUE;

  @Test
  void derivesLegacyCryptoEndpointFromRegionCode() {
    assertEquals("https://bbx3e2vuaaeuk-crypto.kms.us-phoenix-1.oraclecloud.com",
        OciEndpoints.deriveCryptoEndpoint(PHX_KEY));
  }

  @Test
  void derivesLegacyCryptoEndpointFromRegionId() {
    assertEquals("https://ej3xkr4aaaecq-crypto.kms.us-ashburn-1.oraclecloud.com",
        OciEndpoints.deriveCryptoEndpoint("ocid1.key.oc1.us-ashburn-1.ej3xkr4aaaecq." + UNIQUE));
  }

  @Test
  void putsOciLabelBeforeDomainForNewerRegions() {
    assertEquals("https://c5q3e7jbaafaa-crypto.kms.eu-madrid-1.oci.oraclecloud.com",
        OciEndpoints.deriveCryptoEndpoint("ocid1.key.oc1.eu-madrid-1.c5q3e7jbaafaa." + UNIQUE));
    assertEquals("https://c5q3e7jbaafaa-crypto.kms.eu-madrid-1.oci.oraclecloud.com",
        OciEndpoints.deriveCryptoEndpoint("ocid1.key.oc1.mad.c5q3e7jbaafaa." + UNIQUE));
  }

  @Test
  void usesTheRealmDomainOfGovernmentRegions() {
    String endpoint = OciEndpoints.deriveCryptoEndpoint("ocid1.key.oc3.us-gov-ashburn-1.vaultx." + UNIQUE);
    assertEquals("https://vaultx-crypto.kms.us-gov-ashburn-1.oraclegovcloud.com", endpoint);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ocid1.vault.oc1.phx.bbx3e2vuaaeuk.aaaa", "ocid1.key.oc1.phx.bbx3e2vuaaeuk",
      "ocid1.key.oc1.phx.bbx3e2vuaaeuk.tooshort", "ocid1.key.oc1.phx..aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "ocid1.key.oc1.phx.bbx3e2vuaaeuk.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "ocid1.key.oc1.phx.bbx3e2vuaaeuk.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.extra"})
  void rejectsMalformedKeyOcids(String ocid) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OciEndpoints.deriveCryptoEndpoint(ocid));
    assertTrue(e.getMessage().contains("OCID") || e.getMessage().contains("key"), e.getMessage());
  }

  @Test
  void rejectsUnknownRegionInKeyOcid() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OciEndpoints.deriveCryptoEndpoint("ocid1.key.oc1.xyz.bbx3e2vuaaeuk." + UNIQUE));
    assertTrue(e.getMessage().contains("'xyz' is not a region"), e.getMessage());
  }

  @Test
  void rejectsRealmThatDoesNotOwnTheRegion() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OciEndpoints.deriveCryptoEndpoint("ocid1.key.oc2.phx.bbx3e2vuaaeuk." + UNIQUE));
    assertTrue(e.getMessage().contains("not in realm oc2"), e.getMessage());
  }

  @Test
  void checkKeyIdReportsProblemInsteadOfThrowing() {
    assertNull(OciEndpoints.checkKeyId(PHX_KEY));
    assertTrue(OciEndpoints.checkKeyId("ocid1.key.bad").contains("not a key OCID"));
  }

  @Test
  void defaultArtifactsEndpointIsTheSdkOne() {
    assertEquals("https://artifacts.us-phoenix-1.oci.oraclecloud.com",
        OciEndpoints.defaults().artifactsEndpoint("us-phoenix-1"));
    assertEquals("https://artifacts.eu-madrid-1.oci.oraclecloud.com", OciEndpoints.deriveArtifactsEndpoint("mad"));
  }

  @Test
  void artifactsOverrideForOneRegionBeatsOverrideForAll() {
    OciEndpoints e = OciEndpoints.parse(List.of("http://127.0.0.1:9000/", "phx=http://127.0.0.1:9001"), List.of());
    assertEquals("http://127.0.0.1:9001", e.artifactsEndpoint("us-phoenix-1"));
    assertEquals("http://127.0.0.1:9000", e.artifactsEndpoint("us-ashburn-1"));
  }

  @Test
  void cryptoOverridesApplyInOrderKeyThenAllThenPolicyThenDerived() {
    TrustedKey withPolicyOverride = new TrustedKey(PHX_KEY, null, "https://vault.example:8443/");
    TrustedKey plain = new TrustedKey(PHX_KEY, null, null);
    assertEquals("https://vault.example:8443", OciEndpoints.defaults().cryptoEndpoint(withPolicyOverride));
    assertEquals("https://bbx3e2vuaaeuk-crypto.kms.us-phoenix-1.oraclecloud.com",
        OciEndpoints.defaults().cryptoEndpoint(plain));
    OciEndpoints all = OciEndpoints.parse(List.of(), List.of("http://127.0.0.1:8081"));
    assertEquals("http://127.0.0.1:8081", all.cryptoEndpoint(withPolicyOverride));
    OciEndpoints perKey = OciEndpoints.parse(List.of(), List.of("http://127.0.0.1:8081", PHX_KEY + "=http://10.0.0.1:1"));
    assertEquals("http://10.0.0.1:1", perKey.cryptoEndpoint(plain));
  }

  @Test
  void globalCryptoOverrideAvoidsDerivingFromOddKeyIds() {
    OciEndpoints all = OciEndpoints.parse(List.of(), List.of("http://127.0.0.1:8081"));
    assertEquals("http://127.0.0.1:8081", all.cryptoEndpoint(new TrustedKey("ocid1.key.test", null, null)));
  }

  @Test
  void allAtSendsEveryRegionAndKeyToOneUrl() {
    OciEndpoints e = OciEndpoints.allAt("http://127.0.0.1:8081/");
    assertEquals("http://127.0.0.1:8081", e.artifactsEndpoint("eu-madrid-1"));
    assertEquals("http://127.0.0.1:8081", e.cryptoEndpoint(new TrustedKey(PHX_KEY, null, "https://other:1")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:8081", "ftp://host", "http://host/path", "xyz=http://host", "phx=", " "})
  void rejectsBadArtifactsSpecs(String spec) {
    assertThrows(IllegalArgumentException.class, () -> OciEndpoints.parse(List.of(spec), List.of()));
  }

  @Test
  void rejectsDuplicateAndNonKeyCryptoSpecs() {
    assertThrows(IllegalArgumentException.class,
        () -> OciEndpoints.parse(List.of(), List.of("http://a:1", "http://b:2")));
    assertThrows(IllegalArgumentException.class,
        () -> OciEndpoints.parse(List.of(), List.of("ocid1.vault.oc1..x=http://a:1")));
    assertThrows(IllegalArgumentException.class,
        () -> OciEndpoints.parse(List.of("phx=http://a:1", "us-phoenix-1=http://b:1"), List.of()));
  }
}
