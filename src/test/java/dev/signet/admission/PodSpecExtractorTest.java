package dev.signet.admission;

import static dev.signet.admission.Reviews.JSON;
import static dev.signet.admission.Reviews.podSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.admission.PodImage.ContainerKind;
import dev.signet.admission.PodSpecExtractor.Images;
import dev.signet.admission.PodSpecExtractor.Malformed;
import dev.signet.admission.PodSpecExtractor.NotApplicable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodSpecExtractorTest {
  private final AdmissionRequestParser parser = new AdmissionRequestParser();
  private final PodSpecExtractor extractor = new PodSpecExtractor();

  private AdmissionRequest parse(JsonNode review) throws MalformedReviewException {
    return parser.parse(Reviews.bytes(review));
  }

  private Images images(JsonNode review) throws MalformedReviewException {
    return assertInstanceOf(Images.class, extractor.extract(parse(review)));
  }

  private AdmissionRequest fixture(String name) throws MalformedReviewException {
    return parser.parse(Reviews.resource("/admission/fixtures/" + name + ".json"));
  }

  @Test
  void findsContainersInitAndEphemeralContainersOfAPodWithPointers() throws Exception {
    ObjectNode spec = podSpec("reg.example/app:1");
    spec.putArray("initContainers").addObject().put("name", "init").put("image", "reg.example/init:1");
    spec.putArray("ephemeralContainers").addObject().put("name", "dbg").put("image", "reg.example/dbg:1");
    Images found = images(Reviews.podReview("u1", "CREATE", "team-a", Reviews.pod(spec), null));
    assertEquals(List.of(
        new PodImage("reg.example/app:1", ContainerKind.CONTAINER, "c0", "/spec/containers/0/image"),
        new PodImage("reg.example/init:1", ContainerKind.INIT, "init", "/spec/initContainers/0/image"),
        new PodImage("reg.example/dbg:1", ContainerKind.EPHEMERAL, "dbg", "/spec/ephemeralContainers/0/image")),
        found.toCheck());
  }

  @ParameterizedTest
  @CsvSource({"apps,v1,Deployment,deployments", "apps,v1,ReplicaSet,replicasets", "apps,v1,StatefulSet,statefulsets",
      "apps,v1,DaemonSet,daemonsets", "batch,v1,Job,jobs", "'',v1,ReplicationController,replicationcontrollers",
      "extensions,v1beta1,Deployment,deployments"})
  void findsImagesInThePodTemplateOfEveryWorkloadKind(String group, String version, String kind, String resource)
      throws Exception {
    ObjectNode spec = podSpec("reg.example/app:1");
    spec.putArray("initContainers").addObject().put("name", "i0").put("image", "reg.example/init:1")
        .put("imagePullPolicy", "Always");
    spec.withArray("initContainers").addObject().put("name", "i1").put("image", "reg.example/init:2");
    String apiVersion = group.isEmpty() ? version : group + "/" + version;
    JsonNode object = Reviews.workload(apiVersion, kind, spec);
    Images found = images(Reviews.review("u", "CREATE", "team-a", group, version, kind, resource, object, null));
    assertEquals(List.of("reg.example/app:1", "reg.example/init:1", "reg.example/init:2"), found.imagesToCheck());
    assertEquals("/spec/template/spec/initContainers/1/image", found.toCheck().get(2).jsonPointer());
    assertEquals("reg.example/init:2", object.at(found.toCheck().get(2).jsonPointer()).textValue());
  }

  @Test
  void findsCronJobImagesInTheJobTemplate() throws Exception {
    Images found = images(Reviews.review("u", "CREATE", "team-a", "batch", "v1", "CronJob", "cronjobs",
        Reviews.cronJob(podSpec("reg.example/job:1")), null));
    assertEquals(List.of(new PodImage("reg.example/job:1", ContainerKind.CONTAINER, "c0",
        "/spec/jobTemplate/spec/template/spec/containers/0/image")), found.toCheck());
  }

  @Test
  void cronJobFixtureYieldsItsUnsignedInitContainer() throws Exception {
    Images found = assertInstanceOf(Images.class, extractor.extract(fixture("cronjob-unsigned-init")));
    assertEquals(List.of("phx.ocir.io/demotenancy/project01/acme-web-app:v1.0",
        "phx.ocir.io/demotenancy/project01/acme-web-app:v2.0-unsigned"), found.imagesToCheck());
  }

  @Test
  void ephemeralContainersSubresourceChecksOnlyTheAddedDebugImage() throws Exception {
    Images found = assertInstanceOf(Images.class, extractor.extract(fixture("pod-ephemeral-untrusted")));
    assertEquals(List.of(new PodImage("phx.ocir.io/demotenancy/project01/acme-web-app:v3.0-untrusted",
        ContainerKind.EPHEMERAL, "debugger-x", "/spec/ephemeralContainers/0/image")), found.toCheck());
    assertEquals(2, found.all().size());
  }

  @Test
  void legacyEphemeralContainersKindIsReadFromTheTopLevelList() throws Exception {
    ObjectNode object = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "EphemeralContainers");
    object.putArray("ephemeralContainers").addObject().put("name", "dbg").put("image", "reg.example/dbg:1");
    ObjectNode review = Reviews.review("u", "UPDATE", "team-a", "", "v1", "EphemeralContainers", "pods", object,
        null);
    ((ObjectNode) review.get("request")).put("subResource", "ephemeralcontainers");
    assertEquals("/ephemeralContainers/0/image", images(review).toCheck().get(0).jsonPointer());
  }

  @Test
  void sameImageTwiceIsCheckedOnceInFirstSeenOrder() throws Exception {
    ObjectNode spec = podSpec("reg.example/a:1", "reg.example/b:1", "reg.example/a:1");
    spec.putArray("initContainers").addObject().put("name", "i").put("image", "reg.example/b:1");
    spec.withArray("initContainers").addObject().put("name", "j").put("image", "reg.example/c:1");
    Images found = images(Reviews.podReview("u", "CREATE", "team-a", Reviews.pod(spec), null));
    assertEquals(List.of("reg.example/a:1", "reg.example/b:1", "reg.example/c:1"), found.imagesToCheck());
    assertEquals(5, found.all().size());
    assertEquals("/spec/containers/2/image", found.all().get(2).jsonPointer());
  }

  @Test
  void updateChecksOnlyImagesNotInTheOldObject() throws Exception {
    JsonNode old = Reviews.workload("apps/v1", "Deployment", podSpec("reg.example/a:1", "reg.example/b:1"));
    JsonNode now = Reviews.workload("apps/v1", "Deployment", podSpec("reg.example/a:1", "reg.example/c:1"));
    Images found = images(Reviews.review("u", "UPDATE", "team-a", "apps", "v1", "Deployment", "deployments", now,
        old));
    assertEquals(List.of("reg.example/c:1"), found.imagesToCheck());
    assertEquals(2, found.all().size());
  }

  @Test
  void updateMovingAnImageBetweenContainerListsChecksNothing() throws Exception {
    ObjectNode oldSpec = podSpec("reg.example/a:1");
    ObjectNode newSpec = podSpec();
    newSpec.putArray("initContainers").addObject().put("name", "i").put("image", "reg.example/a:1");
    Images found = images(Reviews.podReview("u", "UPDATE", "team-a", Reviews.pod(newSpec), Reviews.pod(oldSpec)));
    assertTrue(found.toCheck().isEmpty());
  }

  @Test
  void scaleDownWithUnchangedImagesChecksNothing() throws Exception {
    Images found = assertInstanceOf(Images.class,
        extractor.extract(fixture("deployment-scale-down-unchanged-images")));
    assertTrue(found.toCheck().isEmpty());
    assertEquals(1, found.all().size());
  }

  @Test
  void updateWithAnEmptyOldObjectChecksEveryImage() throws Exception {
    Images found = images(Reviews.podReview("u", "UPDATE", "team-a", Reviews.pod(podSpec("reg.example/a:1")),
        JSON.createObjectNode()));
    assertEquals(List.of("reg.example/a:1"), found.imagesToCheck());
  }

  @Test
  void ignoresImagesInAnnotationsAndStatus() throws Exception {
    ObjectNode pod = Reviews.pod(podSpec("reg.example/real:1"));
    ((ObjectNode) pod.get("metadata")).putObject("annotations").put(
        "kubectl.kubernetes.io/last-applied-configuration",
        "{\"spec\":{\"containers\":[{\"name\":\"c0\",\"image\":\"reg.example/annotated:1\"}]}}");
    ObjectNode status = pod.putObject("status");
    status.putArray("containerStatuses").addObject().put("name", "c0").put("image", "reg.example/status:1")
        .put("imageID", "reg.example/status@sha256:" + "0".repeat(64));
    status.putArray("initContainerStatuses").addObject().put("name", "i").put("image", "reg.example/status:2");
    Images found = images(Reviews.podReview("u", "CREATE", "team-a", pod, null));
    assertEquals(List.of("reg.example/real:1"), found.imagesToCheck());
    assertEquals(1, found.all().size());
  }

  @ParameterizedTest(name = "image {0}")
  @CsvSource(delimiter = '|', value = {
      "{\"name\": \"c\"}|spec.containers[1].image|image is missing",
      "{\"name\": \"c\", \"image\": null}|spec.containers[1].image|image is missing",
      "{\"name\": \"c\", \"image\": \"\"}|spec.containers[1].image|image is missing",
      "{\"name\": \"c\", \"image\": 5}|spec.containers[1].image|image must be a string, found a number",
      "{\"image\": [\"reg.example/a:1\"]}|spec.containers[1].image|image must be a string, found a list",
      "{\"image\": {\"repo\": \"x\"}}|spec.containers[1].image|image must be a string, found an object"})
  void missingEmptyOrNonStringImagesAreMalformedAtTheirField(String container, String field, String problem)
      throws Exception {
    ObjectNode spec = podSpec("reg.example/a:1");
    spec.withArray("containers").add(JSON.readTree(container));
    Malformed m = assertInstanceOf(Malformed.class,
        extractor.extract(parse(Reviews.podReview("u", "CREATE", "team-a", Reviews.pod(spec), null))));
    assertEquals(field, m.field());
    assertEquals(problem, m.problem());
  }

  @Test
  void imageProblemsInTemplatesAndOtherListsNameTheirField() throws Exception {
    ObjectNode spec = podSpec("reg.example/a:1");
    spec.putArray("initContainers").addObject().put("name", "init").put("image", true);
    ObjectNode deployment = Reviews.workload("apps/v1", "Deployment", spec);
    Malformed m = assertInstanceOf(Malformed.class, extractor.extract(parse(Reviews.review("u", "CREATE", "team-a",
        "apps", "v1", "Deployment", "deployments", deployment, null))));
    assertEquals("spec.template.spec.initContainers[0].image", m.field());
    assertEquals("image must be a string, found a boolean", m.problem());
  }

  @Test
  void objectsBeingDeletedPassUntouched() throws Exception {
    NotApplicable na = assertInstanceOf(NotApplicable.class,
        extractor.extract(fixture("pod-finalizer-removal-while-deleting")));
    assertTrue(na.reason().contains("deleted"), na.reason());
  }

  @ParameterizedTest(name = "Pod spec {0}")
  @CsvSource(delimiter = '|', value = {
      "[]|spec|found a list where a pod spec object belongs",
      "\"x\"|spec|found a string where a pod spec object belongs",
      "{\"containers\": \"x\"}|spec.containers|found a string where a list of containers belongs",
      "{\"containers\": {\"image\": \"reg.example/unsigned:1\"}}|spec.containers"
          + "|found an object where a list of containers belongs",
      "{\"containers\": [{\"image\": \"reg.example/a:1\"}], \"initContainers\": [\"reg.example/b:1\"]}"
          + "|spec.initContainers[0]|found a string where a container object belongs"})
  void malformedPodSpecsAreReportedNotReadAsEmpty(String spec, String field, String problem) throws Exception {
    ObjectNode pod = Reviews.pod(podSpec());
    pod.set("spec", JSON.readTree(spec));
    Malformed m = assertInstanceOf(Malformed.class,
        extractor.extract(parse(Reviews.podReview("u", "CREATE", "team-a", pod, null))));
    assertEquals(field, m.field());
    assertEquals(problem, m.problem());
  }

  @ParameterizedTest(name = "template spec {0}")
  @CsvSource(delimiter = '|', value = {
      "[]|spec.template.spec",
      "{\"containers\": \"x\"}|spec.template.spec.containers",
      "{\"containers\": {\"image\": \"reg.example/unsigned:1\"}}|spec.template.spec.containers"})
  void malformedWorkloadTemplatesAreReported(String spec, String field) throws Exception {
    ObjectNode deployment = Reviews.workload("apps/v1", "Deployment", podSpec());
    ((ObjectNode) deployment.get("spec").get("template")).set("spec", JSON.readTree(spec));
    Malformed m = assertInstanceOf(Malformed.class, extractor.extract(parse(Reviews.review("u", "CREATE", "team-a",
        "apps", "v1", "Deployment", "deployments", deployment, null))));
    assertEquals(field, m.field());
    ObjectNode cronJob = Reviews.cronJob(podSpec());
    ((ObjectNode) cronJob.get("spec").get("jobTemplate")).put("spec", "x");
    Malformed c = assertInstanceOf(Malformed.class, extractor.extract(parse(Reviews.review("u", "CREATE",
        "team-a", "batch", "v1", "CronJob", "cronjobs", cronJob, null))));
    assertEquals("spec.jobTemplate.spec", c.field());
  }

  @Test
  void deletionTimestampIsIgnoredOnCreate() throws Exception {
    ObjectNode pod = Reviews.pod(podSpec("reg.example/a:1"));
    ((ObjectNode) pod.get("metadata")).put("deletionTimestamp", "2026-11-29T10:00:00Z");
    assertEquals(List.of("reg.example/a:1"), images(Reviews.podReview("u", "CREATE", "team-a", pod, null))
        .imagesToCheck());
  }

  @Test
  void terminatingObjectGainingANewImageIsStillChecked() throws Exception {
    ObjectNode old = Reviews.pod(podSpec("reg.example/a:1"));
    ((ObjectNode) old.get("metadata")).put("deletionTimestamp", "2026-11-29T10:00:00Z");
    ObjectNode now = Reviews.pod(podSpec("reg.example/a:1", "reg.example/unsigned:1"));
    ((ObjectNode) now.get("metadata")).put("deletionTimestamp", "2026-11-29T10:00:00Z");
    assertEquals(List.of("reg.example/unsigned:1"), images(Reviews.podReview("u", "UPDATE", "team-a", now, old))
        .imagesToCheck());
    ((ObjectNode) now.get("metadata")).put("deletionTimestamp", 1);
    assertEquals(List.of("reg.example/a:1", "reg.example/unsigned:1"),
        images(Reviews.podReview("u", "UPDATE", "team-a", now, null)).imagesToCheck());
  }

  @Test
  void nonStringDeletionTimestampDoesNotMakeAnUpdatePassAsDeleting() throws Exception {
    ObjectNode pod = Reviews.pod(podSpec("reg.example/a:1"));
    ((ObjectNode) pod.get("metadata")).putObject("deletionTimestamp").put("x", 1);
    assertInstanceOf(Images.class, extractor.extract(parse(Reviews.podReview("u", "UPDATE", "team-a", pod, pod))));
  }

  @ParameterizedTest
  @CsvSource({"DELETE", "CONNECT"})
  void deleteAndConnectPassUntouched(String operation) throws Exception {
    ObjectNode pod = Reviews.pod(podSpec("reg.example/a:1"));
    JsonNode object = operation.equals("CONNECT") ? JSON.createObjectNode().put("kind", "PodExecOptions") : null;
    AdmissionRequest request = parse(Reviews.podReview("u", operation, "team-a", object, pod));
    assertInstanceOf(NotApplicable.class, extractor.extract(request));
  }

  @ParameterizedTest
  @CsvSource({
      "autoscaling,v1,Scale,deployments,scale",
      "'',v1,Service,services,''",
      "'',v1,Pod,pods,status",
      "apps,v1,Deployment,deployments,status",
      "'',v1,Binding,pods,binding",
      "example.com,v1,Deployment,deployments,''",
      "'',v1,Deployment,deployments,''"})
  void kindsWithoutAPodTemplateAndStatusSubresourcesPassUntouched(String group, String version, String kind,
      String resource, String subResource) throws Exception {
    ObjectNode object = Reviews.workload(group.isEmpty() ? version : group + "/" + version, kind,
        podSpec("reg.example/a:1"));
    object.set("spec", JSON.createObjectNode().put("replicas", 1).setAll((ObjectNode) object.get("spec")));
    ObjectNode review = Reviews.review("u", "UPDATE", "team-a", group, version, kind, resource, object, null);
    ((ObjectNode) review.get("request")).put("subResource", subResource);
    assertInstanceOf(NotApplicable.class, extractor.extract(parse(review)));
  }
}
