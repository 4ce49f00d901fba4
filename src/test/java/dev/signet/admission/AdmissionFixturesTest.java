package dev.signet.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.admission.PodSpecExtractor.Extraction;
import dev.signet.admission.PodSpecExtractor.Images;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every AdmissionReview fixture parses (or is refused) as its expectation says, and yields the image it names. */
class AdmissionFixturesTest {
  static Stream<String> fixtures() throws Exception {
    Path dir = Path.of(AdmissionFixturesTest.class.getResource("/admission/fixtures/README.md").toURI()).getParent();
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".expect.json"))
          .map(n -> n.substring(0, n.length() - ".expect.json".length())).sorted().toList().stream();
    }
  }

  private static JsonNode expectation(String name) throws IOException {
    return Reviews.JSON.readTree(Reviews.resource("/admission/fixtures/" + name + ".expect.json"));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void fixtureParsesAndExtractsAsExpected(String name) throws Exception {
    JsonNode expect = expectation(name);
    byte[] body = Reviews.resource("/admission/fixtures/" + name + ".json");
    AdmissionRequestParser parser = new AdmissionRequestParser();
    if (expect.get("http").intValue() == 400) {
      assertThrows(MalformedReviewException.class, () -> parser.parse(body));
      return;
    }
    assertEquals(200, expect.get("http").intValue());
    AdmissionRequest request = parser.parse(body);
    Extraction extraction = new PodSpecExtractor().extract(request);
    if (!expect.get("allowed").booleanValue()) {
      String tag = expect.get("messageContains").get(0).textValue();
      Images images = assertInstanceOf(Images.class, extraction);
      assertTrue(images.imagesToCheck().stream().anyMatch(i -> i.endsWith(":" + tag)), images.imagesToCheck()
          + " should hold " + tag);
    }
  }
}
