/**
 * {@code signet sign} without the command line and without the OCI SDK: {@link dev.signet.sign.ImageSigner}
 * finds the image, builds the message byte for byte as the OCI CLI's {@code sign-upload} does
 * ({@link dev.signet.sign.SigningMessages}, {@link dev.signet.verify.SignedMessage}), skips an equivalent existing
 * signature, signs with Vault and uploads, all through the {@link dev.signet.sign.SigningBackend} interface
 * (implemented over the SDK by {@code dev.signet.oci.OciSigningBackend}).
 */
package dev.signet.sign;
