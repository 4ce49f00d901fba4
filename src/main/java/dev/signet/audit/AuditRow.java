package dev.signet.audit;

import dev.signet.verify.ReasonCode;

/**
 * One line of an audit: one container image of one object under one policy.
 *
 * @param namespace the object's namespace
 * @param kind the object's kind, e.g. {@code Pod} or {@code Deployment}
 * @param apiVersion the object's {@code apiVersion}, e.g. {@code v1} or {@code apps/v1}
 * @param name the object's name
 * @param uid the object's {@code metadata.uid}, {@code ""} when unknown
 * @param container the container name
 * @param image the image exactly as written in the spec
 * @param digest the digest evaluated ({@code sha256:<64 hex>}): the running one from
 *     {@code status.*ContainerStatuses[].imageID} when known, else the one resolved from the tag; {@code null} when
 *     unresolved
 * @param policy the policy name; {@code null} for images no policy matches ({@code noMatchAction}) and for
 *     references that cannot be parsed
 * @param result pass, fail, warn, error or skip
 * @param reason the reason code, {@code null} when the result is pass or skip
 * @param message a short explanation ({@code ""} for pass)
 */
public record AuditRow(String namespace, String kind, String apiVersion, String name, String uid, String container,
    String image, String digest, String policy, AuditResult result, ReasonCode reason, String message) {

  /** @return {@code Kind/name}, as shown in the OBJECT column */
  public String object() {
    return kind + "/" + name;
  }
}
