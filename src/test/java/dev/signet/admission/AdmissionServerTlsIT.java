package dev.signet.admission;

import static dev.signet.admission.AdmissionServerIT.SIGNED;
import static dev.signet.admission.AdmissionServerIT.UNSIGNED;
import static dev.signet.admission.AdmissionServerIT.podCreate;
import static dev.signet.admission.Reviews.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real admission server over HTTPS: generated and OpenSSL-made certificates, rotation. */
class AdmissionServerTlsIT {
  static AdmissionHandler handler;

  @BeforeAll
  static void createHandler() {
    handler = new AdmissionHandler(new AdmissionServerIT.TestEvaluator(), new AdmissionSettings(
        AdmissionSettings.excludedNamespaces(null, "signet-system"), ServerMode.ENFORCE, Duration.ofSeconds(5)));
  }

  @AfterAll
  static void closeHandler() {
    handler.close();
  }

  private static HttpClient trusting(X509Certificate... certs) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (int i = 0; i < certs.length; i++) {
      trust.setCertificateEntry("ca" + i, certs[i]);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static HttpResponse<String> postTo(HttpClient client, String url, JsonNode review) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .POST(BodyPublishers.ofByteArray(Reviews.bytes(review))).build(), BodyHandlers.ofString());
  }

  @Test
  void servesHttpsWithASelfSignedCertificateAndReloadsIt() throws Exception {
    TlsMaterial first = SelfSignedCertificate.generate(List.of("localhost", "127.0.0.1"));
    try (AdmissionServer tls = new AdmissionServer(new AdmissionServer.Options("127.0.0.1", 0, first),
        Map.of("/validate", handler), () -> true).start()) {
      assertTrue(tls.isTls());
      String base = "https://127.0.0.1:" + tls.port();
      HttpClient client = trusting(first.leaf());
      HttpResponse<String> denied = postTo(client, base + "/validate", podCreate("tls-1", "team-a", UNSIGNED));
      assertEquals(200, denied.statusCode());
      assertFalse(JSON.readTree(denied.body()).get("response").get("allowed").booleanValue());
      HttpResponse<String> health = client.send(HttpRequest.newBuilder(
          URI.create("https://localhost:" + tls.port() + "/healthz")).build(), BodyHandlers.ofString());
      assertEquals(200, health.statusCode());

      TlsMaterial second = SelfSignedCertificate.generate(List.of("localhost", "127.0.0.1"));
      tls.reloadTls(second);
      HttpResponse<String> afterReload = postTo(trusting(second.leaf()), base + "/validate",
          podCreate("tls-2", "team-a", SIGNED));
      assertEquals(200, afterReload.statusCode());
      assertThrows(SSLHandshakeException.class,
          () -> postTo(trusting(first.leaf()), base + "/validate", podCreate("tls-3", "team-a", SIGNED)));
    }
  }

  @Test
  void servesHttpsWithCertManagerStylePemFiles() throws Exception {
    List<String> failures = new ArrayList<>();
    for (String[] pair : new String[][] {{"rsa.crt", "rsa-pkcs1.key"}, {"ec.crt", "ec-sec1.key"}}) {
      Path dir = Path.of(AdmissionServerTlsIT.class.getResource("/admission/tls/" + pair[0]).toURI()).getParent();
      TlsMaterial material = TlsMaterial.load(dir.resolve(pair[0]), dir.resolve(pair[1]));
      try (AdmissionServer tls = new AdmissionServer(new AdmissionServer.Options("127.0.0.1", 0, material),
          Map.of("/validate", handler), () -> true).start()) {
        HttpResponse<String> response = postTo(trusting(material.leaf()),
            "https://localhost:" + tls.port() + "/validate", podCreate("pem-" + pair[1], "team-a", SIGNED));
        if (response.statusCode() != 200) {
          failures.add(pair[1] + ": " + response.statusCode());
        }
      }
    }
    assertEquals(List.of(), failures);
  }
}
