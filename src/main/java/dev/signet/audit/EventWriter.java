package dev.signet.audit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.signet.policy.ClusterImageSignaturePolicy;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Writes {@link ViolationEvent}s as core/v1 Events on the policy, aggregated like the Kubernetes event recorder:
 * the same (policy, image, digest, reason, object) keeps one Event whose {@code count} and
 * {@code lastTimestamp} grow. Called from one thread.
 */
final class EventWriter {
  /** The Event reason (DESIGN §11). */
  static final String REASON = "ImageSignatureViolation";
  private static final String COMPONENT = "signet";

  private final KubernetesClient client;
  private final String namespace;
  private final Clock clock;
  private final Cache<String, String> policyUids = Caffeine.newBuilder().maximumSize(1000)
      .expireAfterWrite(Duration.ofMinutes(5)).build();

  EventWriter(KubernetesClient client, String namespace, Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.clock = clock;
  }

  /**
   * @param e the violation
   * @throws KubernetesClientException when the event cannot be written
   */
  void record(ViolationEvent e) {
    String name = name(e);
    String now = clock.instant().toString();
    var resource = client.v1().events().inNamespace(namespace).withName(name);
    Event existing = resource.get();
    if (existing != null) {
      int count = existing.getCount() == null ? 1 : existing.getCount();
      existing.setCount(count + 1);
      existing.setLastTimestamp(now);
      existing.setMessage(e.message());
      client.v1().events().inNamespace(namespace).resource(existing).update();
      return;
    }
    String uid = uid(e.policy());
    Event event = new EventBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(ClusterImageSignaturePolicy.API_VERSION)
            .withKind(ClusterImageSignaturePolicy.KIND).withName(e.policy()).withUid(uid.isEmpty() ? null : uid).build())
        .withType("Warning").withReason(REASON).withMessage(e.message()).withCount(1).withFirstTimestamp(now)
        .withLastTimestamp(now).withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT).withReportingInstance(instance()).build();
    client.v1().events().inNamespace(namespace).resource(event).create();
  }

  /** The policy's uid, so {@code kubectl describe cisp NAME} lists the event; empty when not in the cluster. */
  private String uid(String policy) {
    return policyUids.get(policy, p -> {
      try {
        ClusterImageSignaturePolicy found = client.resources(ClusterImageSignaturePolicy.class).withName(p).get();
        return found == null || found.getMetadata().getUid() == null ? "" : found.getMetadata().getUid();
      } catch (KubernetesClientException ex) {
        return "";
      }
    });
  }

  /** @return {@code <policy (at most 200 chars)>.<16 hex of SHA-256 of the aggregation key>} */
  static String name(ViolationEvent e) {
    String key = String.join("|", e.policy(), e.image(), String.valueOf(e.digest()), String.valueOf(e.reason()),
        e.objectKind(), e.objectNamespace(), e.objectName());
    String policy = e.policy().length() > 200 ? e.policy().substring(0, 200) : e.policy();
    return policy + "." + sha256(key).substring(0, 16);
  }

  private static String instance() {
    String host = System.getenv("HOSTNAME");
    return host == null || host.isBlank() ? COMPONENT : host;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
