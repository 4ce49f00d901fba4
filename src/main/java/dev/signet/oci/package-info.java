/**
 * Everything that talks to OCI, and the only package that imports the OCI Java SDK ({@code com.oracle.bmc.*}).
 *
 * <p>Wiring: {@link dev.signet.oci.OciAuth#create} (credentials, fails fast) → {@link dev.signet.oci.OciClients}
 * (shared SDK clients with explicit timeouts, bounded retries and no circuit breaker, and the metrics registry)
 * → the adapters {@link dev.signet.oci.OciDigestResolver}, {@link dev.signet.oci.OciSignatureSource},
 * {@link dev.signet.oci.VaultSignatureVerifier} (the {@code dev.signet.verify} interfaces) and, for
 * {@code signet sign}, {@link dev.signet.oci.OciImageLookup}, {@link dev.signet.oci.VaultSigner},
 * {@link dev.signet.oci.OciSignatureWriter}, composed by {@link dev.signet.oci.OciSigningBackend} (the
 * {@code dev.signet.sign} interface). Endpoints come from {@link dev.signet.oci.OciEndpoints}; region names from
 * {@link dev.signet.oci.OciRegions}.
 */
package dev.signet.oci;
