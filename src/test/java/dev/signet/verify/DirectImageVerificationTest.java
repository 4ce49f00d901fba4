package dev.signet.verify;

import static dev.signet.verify.TestImages.PSS256;
import static dev.signet.verify.TestImages.REPO;
import static dev.signet.verify.TestImages.digest;
import static dev.signet.verify.TestImages.message;
import static dev.signet.verify.TestImages.trust;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.signet.image.Digest;
import org.junit.jupiter.api.Test;

class DirectImageVerificationTest {
  private static final Digest V1 = digest("v1.0");

  private final FakeDigestResolver resolver = new FakeDigestResolver().tag("v1.0", V1);
  private final FakeSignatureSource source = new FakeSignatureSource()
      .add(V1, FakeVault.sign("sig1", "release", message(V1, "release", PSS256), "AVAILABLE"));
  private final FakeVault vault = new FakeVault();
  private final ImageVerification flow = new DirectImageVerification(resolver, new ImageVerifier(source, vault));

  @Test
  void resolvesTagThenVerifiesDigest() {
    Verdict v = flow.verify(REPO, "v1.0", null, trust(1, "release"), null);
    assertInstanceOf(Verdict.Verified.class, v);
    assertEquals(V1, v.digest());
    assertEquals(1, resolver.calls());
  }

  @Test
  void reportsImageNotFoundWithoutDigest() {
    Verdict v = flow.verify(REPO, "no-such-tag", null, trust(1, "release"), null);
    assertInstanceOf(Verdict.NotVerified.class, v);
    assertEquals(ReasonCode.ImageNotFound, v.reason());
    assertNull(v.digest());
    assertEquals("no image tagged no-such-tag in project01/acme-web-app", v.message());
    assertEquals(0, source.calls());
  }

  @Test
  void returnsErrorWhenDigestLookupFails() {
    resolver.fail(503);
    Verdict v = flow.verify(REPO, "v1.0", null, trust(1, "release"), null);
    assertInstanceOf(Verdict.Error.class, v);
    assertNull(v.digest());
    assertEquals("ListContainerImages failed with HTTP 503: injected", v.message());
  }

  @Test
  void doesNotLookUpReferenceWithDigest() {
    Digest unknown = digest("never-pushed");
    Verdict v = flow.verify(REPO, "v1.0", unknown, trust(1, "release"), null);
    assertEquals(ReasonCode.NoSignature, v.reason());
    assertEquals(unknown, v.digest());
    assertEquals(0, resolver.calls(), "the tag next to a digest is ignored");
  }
}
