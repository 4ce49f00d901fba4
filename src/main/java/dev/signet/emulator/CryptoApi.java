package dev.signet.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Base64;

/**
 * The Sign and Verify operations of the OCI Vault crypto API (version 20180608):
 * {@code POST /20180608/sign} (body {@code SignDataDetails}, answer {@code SignedData}) and
 * {@code POST /20180608/verify} (body {@code VerifyDataDetails}, answer {@code VerifiedData}).
 * {@code messageType} is {@code RAW} (default) or {@code DIGEST}; a RAW message is at most 4096 bytes.
 */
final class CryptoApi {
  static final String SIGN = "/20180608/sign";
  static final String VERIFY = "/20180608/verify";
  private static final int MAX_MESSAGE = 4096;

  private final VaultKeys keys;

  CryptoApi(VaultKeys keys) {
    this.keys = keys;
  }

  /** Sign: {@code {keyId, keyVersionId, signature, signingAlgorithm}}. */
  void sign(Context ctx) {
    ObjectNode body = OciJson.parseObject(ctx.bodyAsBytes());
    String keyId = OciJson.requiredText(body, "keyId");
    String algorithm = OciJson.requiredText(body, "signingAlgorithm");
    boolean digest = digest(body);
    byte[] message = message(body, digest);
    VaultKeys.Signed signed = keys.sign(keyId, OciJson.text(body, "keyVersionId"), message, digest, algorithm);
    ObjectNode out = OciJson.MAPPER.createObjectNode();
    out.put("keyId", signed.keyId());
    out.put("keyVersionId", signed.keyVersionId());
    out.put("signature", Base64.getEncoder().encodeToString(signed.signature()));
    out.put("signingAlgorithm", algorithm);
    OciJson.respond(ctx, out);
  }

  /** Verify: {@code {"isSignatureValid": bool}}; a signature that is not base64 is simply not valid. */
  void verify(Context ctx) {
    ObjectNode body = OciJson.parseObject(ctx.bodyAsBytes());
    String keyId = OciJson.requiredText(body, "keyId");
    String algorithm = OciJson.requiredText(body, "signingAlgorithm");
    String signature = OciJson.requiredText(body, "signature");
    boolean digest = digest(body);
    byte[] message = message(body, digest);
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(signature.strip());
    } catch (IllegalArgumentException e) {
      sig = null;
    }
    boolean valid = keys.verify(keyId, OciJson.text(body, "keyVersionId"), message, digest, algorithm, sig);
    ObjectNode out = OciJson.MAPPER.createObjectNode();
    out.put("isSignatureValid", valid);
    OciJson.respond(ctx, out);
  }

  private static boolean digest(ObjectNode body) {
    String type = OciJson.text(body, "messageType");
    if (type == null || type.equals("RAW")) {
      return false;
    }
    if (type.equals("DIGEST")) {
      return true;
    }
    throw OciError.invalidParameter("messageType must be RAW or DIGEST");
  }

  private static byte[] message(ObjectNode body, boolean digest) {
    String message = OciJson.requiredText(body, "message");
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(message.strip());
    } catch (IllegalArgumentException e) {
      throw OciError.invalidParameter("message must be base64");
    }
    if (!digest && bytes.length > MAX_MESSAGE) {
      throw OciError.invalidParameter("A RAW message must be at most " + MAX_MESSAGE + " bytes");
    }
    return bytes;
  }
}
