package dev.signet.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks OCI request signatures: draft-cavage HTTP signatures, {@code version="1"},
 * {@code algorithm="rsa-sha256"}, as the OCI SDKs send them (OCI "Request Signatures" document).
 * GET/DELETE/HEAD must sign {@code date (request-target) host}; POST/PUT/PATCH must also sign
 * {@code content-length content-type x-content-sha256}, and those must match the body. The date
 * (or {@code x-date}) must be within 5 minutes of now.
 */
final class RequestAuthenticator {
  /** The parts of a request that the signature covers. */
  record SignedRequest(String method, String rawPathAndQuery, Function<String, String> header, byte[] body) {}

  private static final Pattern PARAM = Pattern.compile("([a-zA-Z]+)=\"([^\"]*)\"");
  private static final List<String> BASE = List.of("(request-target)", "host");
  private static final List<String> BODY = List.of("content-length", "content-type", "x-content-sha256");
  private static final Set<String> BODY_METHODS = Set.of("post", "put", "patch");
  private static final Duration SKEW = Duration.ofMinutes(5);

  private final Map<String, PublicKey> keys;
  private final Clock clock;

  RequestAuthenticator(Map<String, PublicKey> keysByKeyId, Clock clock) {
    this.keys = Map.copyOf(keysByKeyId);
    this.clock = clock;
  }

  /**
   * @param request the request
   * @throws OciError 401 {@code NotAuthenticated} when the signature is missing, malformed, by an
   *     unknown key, does not verify, misses required headers or is too old
   */
  void authenticate(SignedRequest request) {
    String auth = request.header().apply("authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Signature ", 0, 10)) {
      throw OciError.notAuthenticated("The required information to complete authentication was not provided.");
    }
    Map<String, String> params = new HashMap<>();
    Matcher m = PARAM.matcher(auth.substring(10));
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    if (params.containsKey("version") && !"1".equals(params.get("version"))) {
      throw OciError.notAuthenticated("Unsupported signature version " + params.get("version"));
    }
    if (!"rsa-sha256".equals(params.get("algorithm"))) {
      throw OciError.notAuthenticated("Unsupported signature algorithm " + params.get("algorithm"));
    }
    PublicKey key = params.get("keyId") == null ? null : keys.get(params.get("keyId"));
    if (key == null) {
      throw OciError.notAuthenticated("The key id is not known to this service");
    }
    List<String> headers = List.of(params.getOrDefault("headers", "date").toLowerCase(Locale.ROOT).trim().split("\\s+"));
    String method = request.method().toLowerCase(Locale.ROOT);
    checkRequiredHeaders(method, headers);
    checkDate(headers.contains("x-date") ? request.header().apply("x-date") : request.header().apply("date"));
    if (BODY_METHODS.contains(method)) {
      checkBody(request);
    }
    String signingString = signingString(method, request, headers);
    if (!verify(key, signingString, params.get("signature"))) {
      throw OciError.notAuthenticated("The request signature does not verify");
    }
  }

  private static void checkRequiredHeaders(String method, List<String> headers) {
    boolean dated = headers.contains("date") || headers.contains("x-date");
    if (!dated || !headers.containsAll(BASE) || (BODY_METHODS.contains(method) && !headers.containsAll(BODY))) {
      throw OciError.notAuthenticated("The signature must cover date, (request-target), host"
          + (BODY_METHODS.contains(method) ? ", content-length, content-type and x-content-sha256" : ""));
    }
  }

  private void checkDate(String date) {
    Instant when;
    try {
      when = ZonedDateTime.parse(date == null ? "" : date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw OciError.notAuthenticated("The date header is missing or not an RFC 1123 date");
    }
    if (Duration.between(when, clock.instant()).abs().compareTo(SKEW) > 0) {
      throw OciError.notAuthenticated("The date header is more than 5 minutes away from the server time");
    }
  }

  private static void checkBody(SignedRequest request) {
    String length = request.header().apply("content-length");
    if (length == null || !length.trim().equals(Integer.toString(request.body().length))) {
      throw OciError.notAuthenticated("content-length does not match the body");
    }
    String sha = request.header().apply("x-content-sha256");
    try {
      String actual = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(request.body()));
      if (!actual.equals(sha)) {
        throw OciError.notAuthenticated("x-content-sha256 does not match the body");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String signingString(String method, SignedRequest request, List<String> headers) {
    StringBuilder sb = new StringBuilder();
    for (String name : headers) {
      String value = "(request-target)".equals(name) ? method + " " + request.rawPathAndQuery()
          : request.header().apply(name);
      if (value == null) {
        throw OciError.notAuthenticated("Signed header " + name + " is missing from the request");
      }
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(name).append(": ").append(value);
    }
    return sb.toString();
  }

  private static boolean verify(PublicKey key, String signingString, String signatureBase64) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(key);
      s.update(signingString.getBytes(StandardCharsets.UTF_8));
      return signatureBase64 != null && s.verify(Base64.getDecoder().decode(signatureBase64));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }
}
