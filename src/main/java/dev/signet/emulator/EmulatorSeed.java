package dev.signet.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the OCI emulator serves: region, tenancy, compartments, Vault keys, repositories, images and
 * their signatures. Written by users as YAML (format in {@code docs/emulator-seed.md}); identifiers
 * left out are derived deterministically (see {@link SeedIds}). {@link #demo()} is the fixed demo seed
 * of DESIGN §9.
 *
 * @param region full region id, e.g. {@code us-phoenix-1}
 * @param regionCode short region code used inside derived OCIDs ({@code phx}); derived from a small
 *     table of regions when absent
 * @param tenancyNamespace Object Storage / OCIR namespace, e.g. {@code demotenancy}
 * @param compartments compartments; the first is the default for repositories
 * @param keys Vault master keys
 * @param repositories repositories with their images
 */
public record EmulatorSeed(String region, String regionCode, String tenancyNamespace, List<Compartment> compartments,
    List<Key> keys, List<Repository> repositories) {

  /** The argument that selects {@link #demo()} in {@link #fromArgument(String)}. */
  public static final String DEMO = "demo";

  private static final String DEMO_RESOURCE = "/emulator/demo-seed.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** Null lists become empty; the seed is otherwise checked by {@link SeedValidator}. */
  public EmulatorSeed {
    compartments = compartments == null ? List.of() : List.copyOf(compartments);
    keys = keys == null ? List.of() : List.copyOf(keys);
    repositories = repositories == null ? List.of() : List.copyOf(repositories);
  }

  /**
   * A compartment.
   *
   * @param name short name used to refer to it inside the seed
   * @param id OCID; derived as {@code ocid1.compartment.oc1..} + first 60 of {@code H("compartment:<name>")} when absent
   * @param parent name of the parent compartment, or absent for a top-level one
   */
  public record Compartment(String name, String id, String parent) {}

  /**
   * A Vault master key (RSA 2048, generated at emulator start).
   *
   * @param name short name used by signatures in the seed
   * @param id key OCID; derived when absent
   * @param vault vault extension used in derived OCIDs; default {@code bbdemovault1a}
   * @param versions key versions, oldest first; the last is the current one; default one enabled version
   */
  public record Key(String name, String id, String vault, List<KeyVersion> versions) {
    /** Null versions become one enabled version. */
    public Key {
      versions = versions == null || versions.isEmpty() ? List.of(new KeyVersion(null, true)) : List.copyOf(versions);
    }
  }

  /**
   * A key version.
   *
   * @param id key version OCID; derived as {@code ocid1.keyversion.oc1.<regionCode>.0.<vault>.} + first 60 of
   *     {@code H("keyversion:<key name>:<n>")} (n from 1) when absent
   * @param enabled {@code false} makes Vault refuse Sign and Verify with it (409 {@code IncorrectState});
   *     default {@code true}
   */
  public record KeyVersion(String id, Boolean enabled) {
    /** Absent {@code enabled} means enabled. */
    public KeyVersion {
      enabled = enabled == null || enabled;
    }
  }

  /**
   * A container repository.
   *
   * @param name repository name without the tenancy namespace, e.g. {@code project01/acme-web-app}
   * @param compartment compartment name; default the first compartment
   * @param images images, oldest first
   */
  public record Repository(String name, String compartment, List<Image> images) {
    /** Null images become empty. */
    public Repository {
      images = images == null ? List.of() : List.copyOf(images);
    }
  }

  /**
   * A container image (one manifest digest) with its tags.
   *
   * @param tags tags, oldest first; the last is what a summary reports as {@code version}
   * @param digest {@code sha256:<64 hex>}; derived as {@code sha256:} + {@code H("<repository>:<first tag>")} when absent
   * @param signatures image signatures made at emulator start
   */
  public record Image(List<String> tags, String digest, List<Signature> signatures) {
    /** Null lists become empty. */
    public Image {
      tags = tags == null ? List.of() : List.copyOf(tags);
      signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }
  }

  /**
   * An image signature, made at start like {@code oci artifacts container image-signature sign-upload}.
   *
   * @param key key name
   * @param keyVersion 1-based key version number; default the current (last) version
   * @param algorithm one of the four {@code SHA_*_RSA_PKCS_PSS}; default {@code SHA_256_RSA_PKCS_PSS}
   * @param description message description; default {@code ""}
   * @param metadata message metadata (a JSON text, carried as a string); default {@code ""}
   * @param state {@code AVAILABLE} (default), {@code DELETING} or {@code DELETED}
   * @param replayOf a tag of another image in the same repository: copy that image's first signature
   *     (message, signature bytes, key, version and algorithm) onto this image instead of signing
   * @param tamper {@code true} flips a bit of the signature so that Vault says it is not valid
   */
  public record Signature(String key, Integer keyVersion, String algorithm, String description, String metadata,
      String state, String replayOf, Boolean tamper) {
    /** Applies the defaults. */
    public Signature {
      algorithm = algorithm == null ? "SHA_256_RSA_PKCS_PSS" : algorithm;
      state = state == null ? "AVAILABLE" : state;
      tamper = tamper != null && tamper;
    }
  }

  /**
   * The demo seed of DESIGN §9, loaded from the class-path resource {@code emulator/demo-seed.yaml}.
   *
   * @return the demo seed
   */
  public static EmulatorSeed demo() {
    try (InputStream in = EmulatorSeed.class.getResourceAsStream(DEMO_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("class-path resource " + DEMO_RESOURCE + " is missing");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo seed");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEMO_RESOURCE, e);
    }
  }

  /**
   * Resolves a {@code --seed} argument.
   *
   * @param fileOrDemo {@code demo} for {@link #demo()}, else a path to a YAML seed file
   * @return the seed
   * @throws InvalidSeedException when the file cannot be read or is not a valid seed
   */
  public static EmulatorSeed fromArgument(String fileOrDemo) {
    if (fileOrDemo == null || fileOrDemo.isBlank()) {
      throw new InvalidSeedException("seed: give a YAML file or 'demo'");
    }
    return DEMO.equals(fileOrDemo.strip()) ? demo() : load(Path.of(fileOrDemo.strip()));
  }

  /**
   * Reads and validates a YAML seed file.
   *
   * @param yamlFile the file
   * @return the seed
   * @throws InvalidSeedException when the file cannot be read or is not a valid seed; the message names
   *     the file and the problem
   */
  public static EmulatorSeed load(Path yamlFile) {
    String text;
    try {
      text = Files.readString(yamlFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidSeedException("seed file " + yamlFile + " does not exist");
    } catch (IOException e) {
      throw new InvalidSeedException("cannot read seed file " + yamlFile + ": " + e.getMessage());
    }
    return parse(text, yamlFile.toString());
  }

  /**
   * Parses and validates a YAML seed.
   *
   * @param yaml the YAML text
   * @param source a name for error messages (file name)
   * @return the seed
   * @throws InvalidSeedException when it is not a valid seed
   */
  public static EmulatorSeed parse(String yaml, String source) {
    EmulatorSeed seed;
    try {
      seed = YAML.readValue(yaml, EmulatorSeed.class);
    } catch (JsonProcessingException e) {
      throw new InvalidSeedException(source + ": not a valid seed: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    }
    if (seed == null) {
      throw new InvalidSeedException(source + ": empty seed");
    }
    new SeedValidator(seed, source).validate();
    return seed;
  }

  /**
   * @return compartment name → OCID, in seed order; OCIDs not given in the seed are derived from the name
   */
  public java.util.Map<String, String> compartmentIds() {
    java.util.Map<String, String> ids = new java.util.LinkedHashMap<>();
    for (Compartment c : compartments) {
      ids.put(c.name(), c.id() != null ? c.id() : SeedIds.compartment(c.name()));
    }
    return ids;
  }

  /** @return the region code used in derived OCIDs: {@link #regionCode()} or looked up from {@link #region()} */
  public String effectiveRegionCode() {
    if (regionCode != null && !regionCode.isBlank()) {
      return regionCode;
    }
    return REGION_CODES.get(region);
  }

  /** Region id → code for the regions whose code need not be written in a seed. */
  static final Map<String, String> REGION_CODES = Map.ofEntries(Map.entry("us-phoenix-1", "phx"),
      Map.entry("us-ashburn-1", "iad"), Map.entry("us-sanjose-1", "sjc"), Map.entry("us-chicago-1", "ord"),
      Map.entry("eu-frankfurt-1", "fra"), Map.entry("uk-london-1", "lhr"), Map.entry("eu-amsterdam-1", "ams"),
      Map.entry("ap-tokyo-1", "nrt"), Map.entry("ap-sydney-1", "syd"), Map.entry("ca-toronto-1", "yyz"));
}
