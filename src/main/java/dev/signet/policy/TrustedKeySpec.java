package dev.signet.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One trusted OCI Vault master key in a {@link ClusterImageSignaturePolicySpec} (CRD model POJO). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrustedKeySpec {
  @JsonPropertyDescription("OCID of the Vault master encryption key: ocid1.key.<realm>.<region>.<vault>.<id>")
  @JsonProperty(required = true)
  @Required
  @Pattern(OcidPatterns.KEY)
  private String kmsKeyId;

  @JsonPropertyDescription("Optional pin: key version OCIDs whose signatures count; empty means any version")
  private List<@Pattern(OcidPatterns.KEY_VERSION) String> kmsKeyVersionIds = new ArrayList<>();

  @JsonPropertyDescription("Optional override of the Vault crypto endpoint derived from the key OCID (http or https URL)")
  private String cryptoEndpoint;

  /** Creates an empty key (for deserialisation). */
  public TrustedKeySpec() {}

  /**
   * @param kmsKeyId key OCID
   * @param kmsKeyVersionIds pinned key version OCIDs, or empty/null for any version
   * @param cryptoEndpoint crypto endpoint override, or null
   */
  public TrustedKeySpec(String kmsKeyId, List<String> kmsKeyVersionIds, String cryptoEndpoint) {
    this.kmsKeyId = kmsKeyId;
    setKmsKeyVersionIds(kmsKeyVersionIds);
    this.cryptoEndpoint = cryptoEndpoint;
  }

  /** @return the key OCID as written, or null */
  public String getKmsKeyId() {
    return kmsKeyId;
  }

  /** @param kmsKeyId the key OCID */
  public void setKmsKeyId(String kmsKeyId) {
    this.kmsKeyId = kmsKeyId;
  }

  /** @return pinned key version OCIDs (never null; empty means any version) */
  public List<String> getKmsKeyVersionIds() {
    return kmsKeyVersionIds;
  }

  /** @param kmsKeyVersionIds pinned key version OCIDs; null becomes empty */
  public void setKmsKeyVersionIds(List<String> kmsKeyVersionIds) {
    this.kmsKeyVersionIds = kmsKeyVersionIds == null ? new ArrayList<>() : new ArrayList<>(kmsKeyVersionIds);
  }

  /** @return the crypto endpoint override, or null/blank when derived from the key OCID */
  public String getCryptoEndpoint() {
    return cryptoEndpoint;
  }

  /** @param cryptoEndpoint crypto endpoint override, e.g. {@code https://xyz-crypto.kms.us-phoenix-1.oraclecloud.com} */
  public void setCryptoEndpoint(String cryptoEndpoint) {
    this.cryptoEndpoint = cryptoEndpoint;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrustedKeySpec k && Objects.equals(kmsKeyId, k.kmsKeyId)
        && Objects.equals(kmsKeyVersionIds, k.kmsKeyVersionIds) && Objects.equals(cryptoEndpoint, k.cryptoEndpoint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kmsKeyId, kmsKeyVersionIds, cryptoEndpoint);
  }

  @Override
  public String toString() {
    return "TrustedKeySpec{kmsKeyId=" + kmsKeyId + ", kmsKeyVersionIds=" + kmsKeyVersionIds
        + ", cryptoEndpoint=" + cryptoEndpoint + "}";
  }
}
