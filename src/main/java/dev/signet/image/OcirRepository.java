package dev.signet.image;

/**
 * Where an image lives in OCI Container Registry.
 *
 * @param regionId full region id, e.g. {@code us-phoenix-1}
 * @param regionCode short region code, e.g. {@code phx}
 * @param canonicalHost {@code <region-code>.ocir.io}, the one spelling used for policy matching
 * @param tenancyNamespace the Object Storage namespace of the tenancy (first path segment)
 * @param repositoryName the OCIR repository name without the namespace, e.g. {@code project01/acme-web-app}
 */
public record OcirRepository(
    String regionId,
    String regionCode,
    String canonicalHost,
    String tenancyNamespace,
    String repositoryName) {}
