package dev.signet.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.image.ImageReference;
import dev.signet.image.InvalidReferenceException;
import dev.signet.image.OcirRepository;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OcirHostsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "phx.ocir.io, phx.ocir.io",
      "PHX.OCIR.IO, phx.ocir.io",
      "ocir.us-phoenix-1.oci.oraclecloud.com, phx.ocir.io",
      "OCIR.US-PHOENIX-1.OCI.ORACLECLOUD.COM, phx.ocir.io",
      "iad.ocir.io, iad.ocir.io",
      "ocir.us-ashburn-1.oci.oraclecloud.com, iad.ocir.io",
      "fra.ocir.io, fra.ocir.io",
      "ocir.eu-frankfurt-1.oci.oraclecloud.com, fra.ocir.io",
      "ocir.eu-madrid-1.oci.oraclecloud.com, mad.ocir.io",
      "ocir.us-langley-1.oci.oraclegovcloud.com, lfi.ocir.io",
      "phx.ocir.io:443, phx.ocir.io",
      "ocir.us-phoenix-1.oci.oraclecloud.com:443, phx.ocir.io"})
  void canonicalisesBothOcirFormsToTheRegionCodeHost(String host, String canonical) {
    assertEquals(canonical, OcirHosts.canonicalHost(host));
    assertTrue(OcirHosts.isOcirHost(host));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "docker.io", "evil.com", "x.ocir.io.evil.com", "ocir.io", ".ocir.io", "xyz.ocir.io",
      "ocir.us-phoenix-1.oci.evil.com", "artifacts.us-phoenix-1.oci.evil.com", "ocir.us-phoenix-1.oci.oraclegovcloud.com", "ocir.us-phoenix-1.oraclecloud.com",
      "ocir.us-nowhere-9.oci.oraclecloud.com", "phx.ocir.io:5000", "ocir..oci.oraclecloud.com", "localhost:5000",
      "p_x.ocir.io"})
  void leavesOtherHostsUnchanged(String host) {
    assertEquals(host, OcirHosts.canonicalHost(host));
    assertFalse(OcirHosts.isOcirHost(host));
  }

  @Test
  void locatesTenancyNamespaceAndRepositoryFromEitherForm() throws InvalidReferenceException {
    OcirRepository expected = new OcirRepository("us-phoenix-1", "phx", "phx.ocir.io", "demotenancy",
        "project01/acme-web-app");
    assertEquals(Optional.of(expected),
        OcirHosts.locate(ImageReference.parse("PHX.OCIR.IO/demotenancy/project01/acme-web-app:v1.0")));
    assertEquals(Optional.of(expected), OcirHosts.locate(
        ImageReference.parse("ocir.us-phoenix-1.oci.oraclecloud.com/demotenancy/project01/acme-web-app:v1.0")));
  }

  @Test
  void locatesRegionsOutsideTheOlderList() throws InvalidReferenceException {
    OcirRepository repo = OcirHosts.locate(ImageReference.parse("ocir.eu-madrid-1.oci.oraclecloud.com/ns/app"))
        .orElseThrow();
    assertEquals("eu-madrid-1", repo.regionId());
    assertEquals("mad", repo.regionCode());
    assertEquals("mad.ocir.io", repo.canonicalHost());
    assertEquals("ns", repo.tenancyNamespace());
    assertEquals("app", repo.repositoryName());
  }

  @Test
  void iadAndFraMapToTheirRegions() throws InvalidReferenceException {
    assertEquals("us-ashburn-1", OcirHosts.locate(ImageReference.parse("iad.ocir.io/ns/a/b")).orElseThrow().regionId());
    assertEquals("eu-frankfurt-1", OcirHosts.locate(ImageReference.parse("fra.ocir.io/ns/a")).orElseThrow().regionId());
  }

  @Test
  void aPathWithoutRepositoryUnderTheNamespaceIsNotAnOcirRepository() throws InvalidReferenceException {
    assertEquals(Optional.empty(), OcirHosts.locate(ImageReference.parse("phx.ocir.io/demotenancy:v1")));
  }

  @Test
  void hostNamesInsideThePathDoNotCount() throws InvalidReferenceException {
    ImageReference ref = ImageReference.parse("evil.com/x.ocir.io/demotenancy/app:v1");
    assertEquals(Optional.empty(), OcirHosts.locate(ref));
    assertSame(ref, OcirHosts.canonicalise(ref));
    assertEquals(Optional.empty(), OcirHosts.locate(ImageReference.parse("docker.io/phx.ocir.io/app")));
  }

  @Test
  void canonicaliseReplacesOnlyTheHost() throws InvalidReferenceException {
    ImageReference ref = ImageReference.parse("ocir.us-phoenix-1.oci.oraclecloud.com/demotenancy/app:V1");
    ImageReference canonical = OcirHosts.canonicalise(ref);
    assertEquals("phx.ocir.io/demotenancy/app:V1", canonical.toString());
    assertEquals(ref.original(), canonical.original());
    ImageReference already = ImageReference.parse("phx.ocir.io/demotenancy/app");
    assertSame(already, OcirHosts.canonicalise(already));
  }

  /** OCIR's "Availability by Region" lists {@code <region-id>.ocir.io} and {@code artifacts.<id>.oci.<domain>} too. */
  @ParameterizedTest
  @ValueSource(strings = {"phx.ocir.io", "us-phoenix-1.ocir.io", "US-PHOENIX-1.OCIR.IO", "ocir.us-phoenix-1.oci.oraclecloud.com",
      "ocir.phx.oci.oraclecloud.com", "artifacts.us-phoenix-1.oci.oraclecloud.com", "artifacts.phx.oci.oraclecloud.com",
      "us-phoenix-1.ocir.io:443"})
  void everySpellingOfOneRegionIsTheSameRegistry(String host) {
    assertEquals("phx.ocir.io", OcirHosts.canonicalHost(host));
    assertTrue(OcirHosts.isOcirHost(host));
  }

  @Test
  void listsEverySpellingOfAnOcirHostAndOnlyItselfOtherwise() {
    assertEquals(java.util.List.of("phx.ocir.io", "us-phoenix-1.ocir.io", "ocir.us-phoenix-1.oci.oraclecloud.com",
        "artifacts.us-phoenix-1.oci.oraclecloud.com"), OcirHosts.spellings("ocir.us-phoenix-1.oci.oraclecloud.com"));
    assertEquals(java.util.List.of("mad.ocir.io", "eu-madrid-1.ocir.io", "ocir.eu-madrid-1.oci.oraclecloud.com",
        "artifacts.eu-madrid-1.oci.oraclecloud.com"), OcirHosts.spellings("MAD.ocir.io"));
    assertEquals(java.util.List.of("evil.com"), OcirHosts.spellings("evil.com"));
  }
}
