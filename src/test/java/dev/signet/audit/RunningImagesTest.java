package dev.signet.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.signet.admission.PodImage.ContainerKind;
import dev.signet.image.Digest;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RunningImagesTest {
  static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  static final Digest DIGEST = Digest.parse("sha256:" + HEX);

  @ParameterizedTest
  @ValueSource(strings = {"docker-pullable://phx.ocir.io/ns/app@sha256:" + HEX, "phx.ocir.io/ns/app@sha256:" + HEX,
      "sha256:" + HEX, "docker.io/library/nginx@sha256:" + HEX, " sha256:" + HEX + " "})
  void readsTheDigestFromEveryImageIdForm(String imageId) {
    assertEquals(Optional.of(DIGEST), RunningImages.digestOfImageId(imageId));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "docker-pullable://phx.ocir.io/ns/app:v1", "sha256:short", "md5:" + HEX})
  void ignoresImageIdsWithoutAUsableDigest(String imageId) {
    assertEquals(Optional.empty(), RunningImages.digestOfImageId(imageId));
  }

  @Test
  void pinsTheSpecRepositoryAsWrittenToTheRunningDigest() {
    assertEquals("phx.ocir.io/ns/app@sha256:" + HEX, RunningImages.pinned("phx.ocir.io/ns/app:v1.0", DIGEST));
    assertEquals("localhost:5000/app@sha256:" + HEX, RunningImages.pinned("localhost:5000/app", DIGEST));
    assertEquals("phx.ocir.io/ns/app@sha256:" + HEX,
        RunningImages.pinned("phx.ocir.io/ns/app:v1@sha256:" + "f".repeat(64), DIGEST));
    assertEquals("Not A Reference", RunningImages.pinned("Not A Reference", DIGEST));
  }

  @Test
  void matchesStatusesToContainersByNameInEachList() {
    Pod pod = new PodBuilder().withNewSpec()
        .addNewContainer().withName("app").withImage("phx.ocir.io/ns/app:v1").endContainer()
        .addNewContainer().withName("sidecar").withImage("phx.ocir.io/ns/side:v2").endContainer()
        .addNewInitContainer().withName("app").withImage("phx.ocir.io/ns/init:v3").endInitContainer()
        .addNewEphemeralContainer().withName("debug").withImage("phx.ocir.io/ns/dbg:v4").endEphemeralContainer()
        .endSpec().withNewStatus()
        .addToContainerStatuses(new ContainerStatusBuilder().withName("sidecar").withImageID("sha256:" + HEX).build())
        .addToContainerStatuses(new ContainerStatusBuilder().withName("app").withImageID("").build())
        .addToEphemeralContainerStatuses(new ContainerStatusBuilder().withName("debug")
            .withImageID("docker-pullable://x@sha256:" + HEX).build())
        .endStatus().build();
    List<RunningImages.ContainerImage> images = RunningImages.ofPod(pod);
    assertEquals(List.of(ContainerKind.CONTAINER, ContainerKind.CONTAINER, ContainerKind.INIT,
        ContainerKind.EPHEMERAL), images.stream().map(RunningImages.ContainerImage::containerKind).toList());
    assertEquals(List.of("phx.ocir.io/ns/app:v1", "phx.ocir.io/ns/side@sha256:" + HEX, "phx.ocir.io/ns/init:v3",
        "phx.ocir.io/ns/dbg@sha256:" + HEX), images.stream().map(RunningImages.ContainerImage::evaluated).toList());
    assertNull(images.get(2).runningDigest(), "the init container named like a container has no status of its own");
  }

  @Test
  void podWithoutSpecHasNoImages() {
    assertEquals(List.of(), RunningImages.ofPod(new Pod()));
    assertEquals(List.of(), RunningImages.ofTemplate(null));
  }
}
