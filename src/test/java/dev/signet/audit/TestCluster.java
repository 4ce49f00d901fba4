package dev.signet.audit;

import dev.signet.emulator.DemoSeed;
import dev.signet.emulator.EmulatorSeed;
import dev.signet.emulator.OciEmulator;
import dev.signet.oci.OciAuth;
import dev.signet.oci.OciAuthOptions;
import dev.signet.oci.OciClientSettings;
import dev.signet.oci.OciClients;
import dev.signet.oci.OciDigestResolver;
import dev.signet.oci.OciEndpoints;
import dev.signet.oci.OciSignatureSource;
import dev.signet.oci.VaultSignatureVerifier;
import dev.signet.policy.ClusterImageSignaturePolicy;
import dev.signet.policy.PolicyYaml;
import dev.signet.verify.DirectImageVerification;
import dev.signet.verify.ImageVerification;
import dev.signet.verify.ImageVerifier;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test support: the OCI emulator with real SDK clients, demo policies, and Pods/workloads to seed a mock cluster. */
public final class TestCluster implements AutoCloseable {
  /** The running emulator (demo seed). */
  public final OciEmulator emulator;
  /** The OCI config the emulator accepts. */
  public final Path ociConfig;
  private final OciClients clients;

  private TestCluster() {
    emulator = OciEmulator.start(EmulatorSeed.demo(), "127.0.0.1", 0);
    try {
      ociConfig = emulator.writeOciConfig(Files.createTempDirectory("signet-audit-it"));
      OciAuth auth = OciAuth.create(OciAuthOptions.configFile(ociConfig, null, null));
      clients = new OciClients(auth, OciEndpoints.allAt(emulator.baseUrl()), OciClientSettings.defaults(),
          new SimpleMeterRegistry());
    } catch (Exception e) {
      emulator.close();
      throw new IllegalStateException(e);
    }
  }

  /** @return a started emulator with clients */
  public static TestCluster start() {
    return new TestCluster();
  }

  /** @return the real, uncached verification pipeline against the emulator */
  public ImageVerification verification() {
    return new DirectImageVerification(new OciDigestResolver(clients),
        new ImageVerifier(new OciSignatureSource(clients), new VaultSignatureVerifier(clients)));
  }

  /**
   * @param resource a policy YAML under {@code src/test/resources/audit/}
   * @return the policies in it
   */
  public static List<ClusterImageSignaturePolicy> policies(String resource) {
    try (InputStream in = TestCluster.class.getResourceAsStream("/audit/" + resource)) {
      return PolicyYaml.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @param resource a file under {@code src/test/resources/audit/}
   * @return its path on disk
   */
  public static Path resource(String resource) {
    try {
      return Path.of(TestCluster.class.getResource("/audit/" + resource).toURI());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @param namespace namespace
   * @param name pod name
   * @param spec pod spec
   * @param imageIds for each container of {@code spec.containers} in order, its status {@code imageID}, or
   *     {@code null} for no status entry
   * @return the pod
   */
  public static Pod pod(String namespace, String name, PodSpec spec, String... imageIds) {
    PodBuilder b = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name)
        .withUid("uid-" + name).endMetadata().withSpec(spec);
    if (imageIds.length > 0) {
      var status = b.withNewStatus();
      for (int i = 0; i < imageIds.length; i++) {
        if (imageIds[i] != null) {
          status.addToContainerStatuses(new ContainerStatusBuilder().withName(spec.getContainers().get(i).getName())
              .withImage(spec.getContainers().get(i).getImage()).withImageID(imageIds[i]).build());
        }
      }
      status.endStatus();
    }
    return b.build();
  }

  /**
   * @param images one container per image, named {@code c0}, {@code c1}, ...
   * @return a pod spec
   */
  public static PodSpec spec(String... images) {
    PodSpecBuilder b = new PodSpecBuilder();
    for (int i = 0; i < images.length; i++) {
      b.addNewContainer().withName("c" + i).withImage(images[i]).endContainer();
    }
    return b.build();
  }

  /**
   * @param tag demo tag
   * @return {@code docker-pullable://<demo repository>@<digest of tag>}, as Docker reports a pulled image
   */
  public static String pullable(String tag) {
    return "docker-pullable://" + DemoSeed.HOST + "/" + DemoSeed.NAMESPACE + "/" + DemoSeed.REPOSITORY + "@"
        + DemoSeed.digest(tag);
  }

  /**
   * @param client client of the mock cluster
   * @param name namespace name to create
   */
  public static void namespace(KubernetesClient client, String name) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  @Override
  public void close() {
    clients.close();
    emulator.close();
  }
}
