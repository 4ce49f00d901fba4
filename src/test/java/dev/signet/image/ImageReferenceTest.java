package dev.signet.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageReferenceTest {
  private static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final String D = "sha256:" + HEX;
  private static final String D512 = "sha512:" + HEX + HEX;

  /** input, registry, repository, tag (null = none), digest (null = none). */
  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("nginx", "docker.io", "library/nginx", "latest", null),
        Arguments.of("nginx:1.25", "docker.io", "library/nginx", "1.25", null),
        Arguments.of("library/nginx", "docker.io", "library/nginx", "latest", null),
        Arguments.of("docker.io/nginx", "docker.io", "library/nginx", "latest", null),
        Arguments.of("docker.io/library/nginx:stable", "docker.io", "library/nginx", "stable", null),
        Arguments.of("index.docker.io/nginx", "docker.io", "library/nginx", "latest", null),
        Arguments.of("index.docker.io/bitnami/redis:7", "docker.io", "bitnami/redis", "7", null),
        Arguments.of("bitnami/redis", "docker.io", "bitnami/redis", "latest", null),
        Arguments.of("a/b/c/d", "docker.io", "a/b/c/d", "latest", null),
        Arguments.of("localhost/app", "localhost", "app", "latest", null),
        Arguments.of("localhost:5000/app", "localhost:5000", "app", "latest", null),
        Arguments.of("localhost:5000", "docker.io", "library/localhost", "5000", null),
        Arguments.of("registry:5000/a/b:t", "registry:5000", "a/b", "t", null),
        Arguments.of("127.0.0.1:5000/app:v1", "127.0.0.1:5000", "app", "v1", null),
        Arguments.of("[::1]:5000/app", "[::1]:5000", "app", "latest", null),
        Arguments.of("[2001:DB8::1]/app", "[2001:db8::1]", "app", "latest", null),
        Arguments.of("PHX.OCIR.IO/demotenancy/project01/acme-web-app:v1.0", "phx.ocir.io",
            "demotenancy/project01/acme-web-app", "v1.0", null),
        Arguments.of("phx.ocir.io/demotenancy/project01/acme-web-app", "phx.ocir.io",
            "demotenancy/project01/acme-web-app", "latest", null),
        Arguments.of("ocir.us-phoenix-1.oci.oraclecloud.com/ns/app:v2", "ocir.us-phoenix-1.oci.oraclecloud.com",
            "ns/app", "v2", null),
        Arguments.of("Registry/app", "registry", "app", "latest", null),
        Arguments.of("example.com/app:1.0-SNAPSHOT", "example.com", "app", "1.0-SNAPSHOT", null),
        Arguments.of("app:1.0-SNAPSHOT", "docker.io", "library/app", "1.0-SNAPSHOT", null),
        Arguments.of("app:_under", "docker.io", "library/app", "_under", null),
        Arguments.of("app:" + "t".repeat(128), "docker.io", "library/app", "t".repeat(128), null),
        Arguments.of("repo:tag@" + D, "docker.io", "library/repo", "tag", D),
        Arguments.of("repo@" + D, "docker.io", "library/repo", null, D),
        Arguments.of("phx.ocir.io/ns/app:v1.0@" + D, "phx.ocir.io", "ns/app", "v1.0", D),
        Arguments.of("phx.ocir.io/ns/app@" + D512, "phx.ocir.io", "ns/app", null, D512),
        Arguments.of("my-registry.example.com:443/team/app", "my-registry.example.com:443", "team/app", "latest", null),
        Arguments.of("a.b-c.d/x__y/z-w.v_u", "a.b-c.d", "x__y/z-w.v_u", "latest", null),
        Arguments.of("foo/a---b", "docker.io", "foo/a---b", "latest", null),
        Arguments.of("x.io/" + "a".repeat(250), "x.io", "a".repeat(250), "latest", null));
  }

  /** input, fragment of the reason. */
  static Stream<Arguments> invalid() {
    String longName = "x.io/" + "a".repeat(251);
    return Stream.of(
        Arguments.of("", "reference is empty"),
        Arguments.of(" nginx", "whitespace"),
        Arguments.of("nginx :1", "whitespace"),
        Arguments.of("nginx\t", "whitespace"),
        Arguments.of("nginx\u0000", "control character"),
        Arguments.of("nginx\u00e9", "non-ASCII"),
        Arguments.of("Nginx", "must be lower-case"),
        Arguments.of("docker.io/Library/nginx", "must be lower-case"),
        Arguments.of("PHX.OCIR.IO/DemoTenancy/app:v1", "repository path 'DemoTenancy/app' must be lower-case"),
        Arguments.of("repo@sha256:abc", "sha256 digest must have 64 hex characters, found 3"),
        Arguments.of("repo@sha256:" + HEX + "00", "found 66"),
        Arguments.of("repo@sha512:" + HEX, "sha512 digest must have 128 hex characters, found 64"),
        Arguments.of("repo@md5:" + HEX, "digest algorithm 'md5' is not supported"),
        Arguments.of("repo@" + HEX, "has no algorithm"),
        Arguments.of("repo@sha256:" + HEX.toUpperCase(), "lower-case hex"),
        Arguments.of("repo@", "digest is empty"),
        Arguments.of(longName, "is 256 characters long; at most 255"),
        Arguments.of("x.io/a/../b", "has a '..' segment"),
        Arguments.of("x.io/a//b", "empty segment"),
        Arguments.of("x.io/a/", "empty segment"),
        Arguments.of("/a", "repository path '/a' has an empty segment"),
        Arguments.of(":5000/a", "registry host is empty"),
        Arguments.of("x.io/", "repository path is empty"),
        Arguments.of("repo:", "tag is empty"),
        Arguments.of("repo:-x", "tag '-x' is not valid"),
        Arguments.of("repo:.x", "tag '.x' is not valid"),
        Arguments.of("repo:" + "t".repeat(129), "at most 128"),
        Arguments.of(":1.0", "repository name is missing"),
        Arguments.of("@" + D, "repository name is missing"),
        Arguments.of("localhost:99999/app", "port 99999 of registry 'localhost:99999' is not between 1 and 65535"),
        Arguments.of("localhost:0/app", "not between 1 and 65535"),
        Arguments.of("localhost:/app", "port '' of registry"),
        Arguments.of("localhost:5x/app", "port '5x'"),
        Arguments.of("-bad.io/app", "is not a valid host name"),
        Arguments.of("bad..io/app", "empty label"),
        Arguments.of("[zz]:5000/app", "not a valid bracketed IPv6"),
        Arguments.of("x.io/-app", "segment '-app' is not valid"),
        Arguments.of("x.io/app_", "segment 'app_' is not valid"),
        Arguments.of("x.io/a___b", "segment 'a___b' is not valid"),
        Arguments.of(HEX, "image id"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("valid")
  void normalisesValidReferences(String input, String registry, String repository, String tag, String digest)
      throws InvalidReferenceException {
    ImageReference ref = ImageReference.parse(input);
    assertEquals(input, ref.original());
    assertEquals(registry, ref.registry(), "registry");
    assertEquals(repository, ref.repository(), "repository");
    assertEquals(tag, ref.tag(), "tag");
    assertEquals(digest, ref.digest() == null ? null : ref.digest().toString(), "digest");
    assertEquals(registry + "/" + repository, ref.name());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalid")
  void rejectsInvalidReferencesSayingWhy(String input, String reason) {
    InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> ImageReference.parse(input));
    assertTrue(e.getMessage().contains(reason), () -> "message '" + e.getMessage() + "' lacks '" + reason + "'");
    assertEquals(input, e.reference());
  }

  @Test
  void rejectsNullAsEmpty() {
    InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> ImageReference.parse(null));
    assertTrue(e.getMessage().contains("empty"));
  }

  @Test
  void tagAndDigestKeepsBothAndTheDigestIsPulled() throws InvalidReferenceException {
    ImageReference ref = ImageReference.parse("phx.ocir.io/ns/app:v1.0@" + D);
    assertTrue(ref.hasDigest());
    assertEquals("v1.0", ref.tag());
    assertEquals("phx.ocir.io/ns/app:v1.0@" + D, ref.toString());
  }

  @Test
  void digestOnlyReferenceHasNoDefaultTag() throws InvalidReferenceException {
    ImageReference ref = ImageReference.parse("phx.ocir.io/ns/app@" + D);
    assertNull(ref.tag());
    assertEquals("phx.ocir.io/ns/app@" + D, ref.toString());
  }

  @Test
  void hostIsLowerCasedButTagKeepsItsCase() throws InvalidReferenceException {
    ImageReference ref = ImageReference.parse("Example.COM:5000/app:RC-1");
    assertEquals("example.com:5000/app:RC-1", ref.toString());
  }
}
