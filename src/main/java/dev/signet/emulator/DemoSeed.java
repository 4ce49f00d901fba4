package dev.signet.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The fixed identifiers of the demo seed (DESIGN §9). {@code H(s)} is the lower-case hex SHA-256
 * of the UTF-8 string {@code s}.
 */
public final class DemoSeed {
  /** Region id of the demo registry. */
  public static final String REGION = "us-phoenix-1";
  /** OCIR host of the demo registry. */
  public static final String HOST = "phx.ocir.io";
  /** Tenancy namespace. */
  public static final String NAMESPACE = "demotenancy";
  /** Repository name (without the namespace). */
  public static final String REPOSITORY = "project01/acme-web-app";
  /** Compartment OCID: {@code ocid1.compartment.oc1..} + first 60 of {@code H("compartment:demo")}. */
  public static final String COMPARTMENT_ID = "ocid1.compartment.oc1.." + h60("compartment:demo");
  /** Every demo tag, in seed order. */
  public static final List<String> TAGS = List.of("v1.0", "v2.0-unsigned", "v3.0-untrusted", "v4.0-replayed",
      "v5.0-revoked", "v6.0-tampered", "v7.0-two-keys");
  /** Key names. */
  public static final List<String> KEY_NAMES = List.of("release", "qa", "untrusted");

  private DemoSeed() {}

  /**
   * @param name {@code release}, {@code qa} or {@code untrusted}
   * @return {@code ocid1.key.oc1.phx.bbdemovault1a.} + first 60 of {@code H("key:<name>")}
   */
  public static String keyId(String name) {
    return "ocid1.key.oc1.phx.bbdemovault1a." + h60("key:" + name);
  }

  /**
   * @param name {@code release}, {@code qa} or {@code untrusted}
   * @return {@code ocid1.keyversion.oc1.phx.0.bbdemovault1a.} + first 60 of {@code H("keyversion:<name>:1")}
   */
  public static String keyVersionId(String name) {
    return "ocid1.keyversion.oc1.phx.0.bbdemovault1a." + h60("keyversion:" + name + ":1");
  }

  /**
   * @param tag a demo tag
   * @return {@code sha256:} + {@code H("signet-demo/" + tag)}
   */
  public static String digest(String tag) {
    return "sha256:" + h("signet-demo/" + tag);
  }

  /**
   * @param tag a demo tag
   * @return the image reference as a pod would write it, {@code phx.ocir.io/demotenancy/project01/acme-web-app:<tag>}
   */
  public static String image(String tag) {
    return HOST + "/" + NAMESPACE + "/" + REPOSITORY + ":" + tag;
  }

  /**
   * @param s any string
   * @return lower-case hex SHA-256 of its UTF-8 bytes
   */
  public static String h(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String h60(String s) {
    return h(s).substring(0, 60);
  }
}
