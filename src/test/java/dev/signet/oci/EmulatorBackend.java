package dev.signet.oci;

import dev.signet.emulator.EmulatorFault;
import dev.signet.emulator.EmulatorSeed;
import dev.signet.emulator.OciEmulator;
import dev.signet.image.OcirRepository;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Signet's OCI emulator plus real SDK clients reaching it: config-file auth from the config the emulator
 * writes, every region and every key pointed at the emulator, metrics into a {@link SimpleMeterRegistry}.
 */
final class EmulatorBackend implements AutoCloseable {
  final OciEmulator emulator;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final OciClients clients;
  final Path configDir;
  final OciAuth auth;
  final OciEndpoints endpoints;

  private EmulatorBackend(OciEmulator emulator, OciClientSettings settings) {
    this.emulator = emulator;
    try {
      configDir = Files.createTempDirectory("signet-oci-it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path config = emulator.writeOciConfig(configDir);
    try {
      auth = OciAuth.create(OciAuthOptions.configFile(config, null, null));
    } catch (OciAuthException e) {
      throw new IllegalStateException(e);
    }
    endpoints = OciEndpoints.allAt(emulator.baseUrl());
    clients = new OciClients(auth, endpoints, settings, registry);
  }

  static EmulatorBackend start(EmulatorSeed seed, OciClientSettings settings) {
    return new EmulatorBackend(OciEmulator.start(seed, "127.0.0.1", 0), settings);
  }

  static EmulatorBackend startDemo() {
    return start(EmulatorSeed.demo(), OciClientSettings.defaults());
  }

  static OcirRepository repository(String namespace, String name) {
    return new OcirRepository("us-phoenix-1", "phx", "phx.ocir.io", namespace, name);
  }

  /** @return further clients on the same emulator and registry (close them yourself) */
  OciClients clients(OciClientSettings settings) {
    return new OciClients(auth, endpoints, settings, registry);
  }

  void fault(String operation, int status, long latencyMs, int count) {
    emulator.addFault(new EmulatorFault(operation, status, latencyMs, count));
  }

  long calls(String operation) {
    return emulator.stats().getOrDefault(operation, 0L);
  }

  double recorded(String operation, String outcome) {
    var counter = registry.find(OciCalls.REQUESTS).tag("operation", operation).tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  @Override
  public void close() {
    clients.close();
    emulator.close();
  }
}
