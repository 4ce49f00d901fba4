package dev.signet.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.image.ImageReference;
import dev.signet.image.InvalidReferenceException;
import dev.signet.oci.OcirHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageGlobTest {

  private static String canonicalName(String reference) throws InvalidReferenceException {
    return OcirHosts.canonicalise(ImageReference.parse(reference)).name();
  }

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
      "phx.ocir.io/demotenancy/**, phx.ocir.io/demotenancy/project01/acme-web-app, true",
      "phx.ocir.io/demotenancy/**, phx.ocir.io/demotenancy/app, true",
      "phx.ocir.io/demotenancy/**, phx.ocir.io/other/app, false",
      "phx.ocir.io/demotenancy/**, iad.ocir.io/demotenancy/app, false",
      "phx.ocir.io/demotenancy/*, phx.ocir.io/demotenancy/app, true",
      "phx.ocir.io/demotenancy/*, phx.ocir.io/demotenancy/project01/app, false",
      "phx.ocir.io/*/project01/*, phx.ocir.io/demotenancy/project01/app, true",
      "phx.ocir.io/demotenancy/**/app, phx.ocir.io/demotenancy/app, true",
      "phx.ocir.io/demotenancy/**/app, phx.ocir.io/demotenancy/a/b/c/app, true",
      "phx.ocir.io/demotenancy/**/app, phx.ocir.io/demotenancy/a/b/c/app2, false",
      "phx.ocir.io/ns/app-v?, phx.ocir.io/ns/app-v1, true",
      "phx.ocir.io/ns/app-v?, phx.ocir.io/ns/app-v10, false",
      "phx.ocir.io/ns/acme-*-app, phx.ocir.io/ns/acme-web-app, true",
      "phx.ocir.io/ns/acme-*-app, phx.ocir.io/ns/acme-app, false",
      "*.ocir.io/demotenancy/**, phx.ocir.io/demotenancy/app, true",
      "*.ocir.io/demotenancy/**, evil.com/x.ocir.io/demotenancy/app, false",
      "*.ocir.io/**, evil.com/x.ocir.io/app, false",
      "*.ocir.io/**, docker.io/library/nginx, false",
      "**, docker.io/library/nginx, true",
      "**/nginx, docker.io/library/nginx, true",
      "**/nginx, docker.io/library/nginx2, false",
      "*/**, quay.io/org/app, true",
      "nginx, nginx, true",
      "nginx, docker.io/bitnami/nginx, false",
      "library/nginx, nginx:1.25, true",
      "docker.io/nginx, nginx, true",
      "index.docker.io/nginx, nginx, true",
      "bitnami/*, bitnami/redis, true",
      "bitnami/*, docker.io/bitnami/redis, true",
      "docker.io/*/*, nginx, true",
      "docker.io/*, nginx, true",
      "docker.io/*, bitnami/redis, false",
      "docker.io/**, bitnami/redis, true",
      "localhost:5000/**, localhost:5000/app, true",
      "localhost:5000/**, localhost:5001/app, false",
      "localhost:*/**, localhost:5001/app, true",
      "PHX.OCIR.IO/demotenancy/**, phx.ocir.io/demotenancy/app, true",
      "phx.ocir.io/demotenancy/**/**, phx.ocir.io/demotenancy/a/b, true"})
  void matchesWholeNormalisedNames(String glob, String reference, boolean expected) throws InvalidReferenceException {
    assertEquals(expected, ImageGlob.compile(glob).matches(canonicalName(reference)));
  }

  @Test
  void longOcirHostInAGlobMatchesTheCanonicalisedShortHost() throws InvalidReferenceException {
    ImageGlob glob = ImageGlob.compile("ocir.us-phoenix-1.oci.oraclecloud.com/demotenancy/**");
    assertEquals("phx.ocir.io/demotenancy/**", glob.normalised());
    assertTrue(glob.matches("phx.ocir.io/demotenancy/x"));
    assertTrue(glob.matches(canonicalName("ocir.us-phoenix-1.oci.oraclecloud.com/demotenancy/x:v1")));
    assertFalse(glob.matches("iad.ocir.io/demotenancy/x"));
  }

  @Test
  void shortOcirHostGlobCannotBeBypassedWithTheLongForm() throws InvalidReferenceException {
    ImageGlob glob = ImageGlob.compile("phx.ocir.io/demotenancy/**");
    assertTrue(glob.matches(canonicalName("OCIR.US-PHOENIX-1.OCI.ORACLECLOUD.COM/demotenancy/app@sha256:"
        + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")));
    assertTrue(glob.matches("ocir.us-phoenix-1.oci.oraclecloud.com/demotenancy/app"), "uncanonicalised name");
  }

  @Test
  void wildcardHostMatchesEitherSpellingOfAnOcirRegistry() {
    ImageGlob glob = ImageGlob.compile("ocir.*.oci.oraclecloud.com/demotenancy/**");
    assertTrue(glob.matches("phx.ocir.io/demotenancy/app"));
    assertTrue(glob.matches("mad.ocir.io/demotenancy/app"));
    assertFalse(glob.matches("evil.com/demotenancy/app"));
    assertTrue(ImageGlob.compile("p?x.ocir.io/demotenancy/*").matches("phx.ocir.io/demotenancy/app"));
  }

  @Test
  void keepsThePatternAsWrittenAndComparesByIt() {
    ImageGlob glob = ImageGlob.compile("nginx");
    assertEquals("nginx", glob.pattern());
    assertEquals("nginx", glob.toString());
    assertEquals("docker.io/library/nginx", glob.normalised());
    assertEquals(ImageGlob.compile("nginx"), glob);
  }

  @Test
  void starsDoNotBacktrackExponentially() {
    ImageGlob glob = ImageGlob.compile("x.io/" + "*a".repeat(40) + "*b");
    assertFalse(glob.matches("x.io/" + "a".repeat(200)));
    assertTrue(glob.matches("x.io/" + "a".repeat(200) + "b"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "''|image glob is empty",
      "phx.ocir.io/demo tenancy/**|whitespace",
      "' phx.ocir.io/**'|whitespace",
      "phx.ocir.io/***|must be a whole segment",
      "phx.ocir.io/app**|must be a whole segment",
      "phx.ocir.io//app|empty segment",
      "phx.ocir.io/app/|empty segment",
      "/phx.ocir.io/app|empty segment",
      "phx.ocir.io/ns/app:v1|not a tag",
      "nginx:1.25|not a tag",
      "phx.ocir.io/ns/app@sha256:abc|not a digest",
      "phx.ocir.io/DemoTenancy/**|upper case",
      "ngi*|one-segment glob with wildcards is ambiguous",
      "phx.ocir.io/ns/app+x|may hold only",
      "ph_x.ocir.io/ns/app|may hold only"})
  void rejectsMalformedGlobsSayingWhy(String glob, String reason) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageGlob.compile(glob));
    assertTrue(e.getMessage().contains(reason), () -> e.getMessage() + " lacks " + reason);
  }

  @Test
  void rejectsNullAndOverlongGlobs() {
    assertThrows(IllegalArgumentException.class, () -> ImageGlob.compile(null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImageGlob.compile("x.io/" + "a".repeat(600)));
    assertTrue(e.getMessage().contains("longer than 512"));
  }
}
