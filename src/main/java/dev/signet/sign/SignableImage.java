package dev.signet.sign;

import dev.signet.image.Digest;

/**
 * The image a signature is made for, as OCIR knows it.
 *
 * @param imageId image OCID ({@code ocid1.containerimage.…})
 * @param compartmentId the compartment OCID the image was found in
 * @param regionId full region id of its registry, e.g. {@code us-phoenix-1}
 * @param repositoryName repository name without the tenancy namespace, e.g. {@code project01/acme-web-app}
 * @param digest the image digest, {@code sha256:<64 hex>}
 */
public record SignableImage(String imageId, String compartmentId, String regionId, String repositoryName,
    Digest digest) {}
