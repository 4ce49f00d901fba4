package dev.signet.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code spec} of a {@link ClusterImageSignaturePolicy} (CRD model POJO, DESIGN §5). Values are kept as
 * written; defaults and validation are applied by {@link PolicyCompiler}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterImageSignaturePolicySpec {
  @JsonPropertyDescription("Enforce (deny images that fail) or Audit (admit, but warn and record); default Enforce")
  @SchemaFrom(type = PolicyMode.class)
  @Default("Enforce")
  private String mode;

  @JsonPropertyDescription("Globs on the normalised image name host/path: * within one segment, ** any number of"
      + " segments, ? one character; the host is anchored")
  @JsonProperty(required = true)
  @Required
  private List<String> images = new ArrayList<>();

  @JsonPropertyDescription("Compartment (or tenancy) OCID searched for images and signatures")
  @JsonProperty(required = true)
  @Required
  @Pattern(OcidPatterns.COMPARTMENT)
  private String compartmentId;

  @JsonPropertyDescription("Also search the compartment's sub-compartments; default false")
  private Boolean compartmentIdInSubtree;

  @JsonPropertyDescription("Vault master keys whose signatures count")
  @JsonProperty(required = true)
  @Required
  private List<TrustedKeySpec> trustedKeys = new ArrayList<>();

  @JsonPropertyDescription("Number of distinct trusted keys that must have signed; default 1")
  @Min(1)
  @Default("1")
  private Integer threshold;

  @JsonPropertyDescription("Allowed signing algorithms; empty means the four SHA_*_RSA_PKCS_PSS ones")
  private List<String> signingAlgorithms = new ArrayList<>();

  @JsonPropertyDescription("Namespaces the policy applies to (standard label selector); empty means all")
  private LabelSelector namespaceSelector;

  @JsonPropertyDescription("Pin verified references without a digest to their digest (mutating webhook); default false")
  private Boolean pinDigests;

  /** @return {@code Enforce}, {@code Audit}, or null (meaning Enforce) */
  public String getMode() {
    return mode;
  }

  /** @param mode {@code Enforce} or {@code Audit} */
  public void setMode(String mode) {
    this.mode = mode;
  }

  /** @return image globs as written (never null) */
  public List<String> getImages() {
    return images;
  }

  /** @param images image globs; null becomes empty */
  public void setImages(List<String> images) {
    this.images = images == null ? new ArrayList<>() : new ArrayList<>(images);
  }

  /** @return compartment OCID, or null */
  public String getCompartmentId() {
    return compartmentId;
  }

  /** @param compartmentId compartment or tenancy OCID */
  public void setCompartmentId(String compartmentId) {
    this.compartmentId = compartmentId;
  }

  /** @return whether sub-compartments are searched, or null (meaning false) */
  public Boolean getCompartmentIdInSubtree() {
    return compartmentIdInSubtree;
  }

  /** @param compartmentIdInSubtree whether sub-compartments are searched */
  public void setCompartmentIdInSubtree(Boolean compartmentIdInSubtree) {
    this.compartmentIdInSubtree = compartmentIdInSubtree;
  }

  /** @return trusted keys (never null) */
  public List<TrustedKeySpec> getTrustedKeys() {
    return trustedKeys;
  }

  /** @param trustedKeys trusted keys; null becomes empty */
  public void setTrustedKeys(List<TrustedKeySpec> trustedKeys) {
    this.trustedKeys = trustedKeys == null ? new ArrayList<>() : new ArrayList<>(trustedKeys);
  }

  /** @return distinct keys that must have signed, or null (meaning 1) */
  public Integer getThreshold() {
    return threshold;
  }

  /** @param threshold distinct keys that must have signed (at least 1) */
  public void setThreshold(Integer threshold) {
    this.threshold = threshold;
  }

  /** @return allowed algorithms (never null; empty means the four PSS ones) */
  public List<String> getSigningAlgorithms() {
    return signingAlgorithms;
  }

  /** @param signingAlgorithms allowed algorithms; null becomes empty */
  public void setSigningAlgorithms(List<String> signingAlgorithms) {
    this.signingAlgorithms = signingAlgorithms == null ? new ArrayList<>() : new ArrayList<>(signingAlgorithms);
  }

  /** @return the namespace selector, or null (all namespaces) */
  public LabelSelector getNamespaceSelector() {
    return namespaceSelector;
  }

  /** @param namespaceSelector the namespace selector; null or empty selects all namespaces */
  public void setNamespaceSelector(LabelSelector namespaceSelector) {
    this.namespaceSelector = namespaceSelector;
  }

  /** @return whether verified references are pinned to their digest, or null (meaning false) */
  public Boolean getPinDigests() {
    return pinDigests;
  }

  /** @param pinDigests whether verified references are pinned to their digest */
  public void setPinDigests(Boolean pinDigests) {
    this.pinDigests = pinDigests;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterImageSignaturePolicySpec s && Objects.equals(mode, s.mode)
        && Objects.equals(images, s.images) && Objects.equals(compartmentId, s.compartmentId)
        && Objects.equals(compartmentIdInSubtree, s.compartmentIdInSubtree)
        && Objects.equals(trustedKeys, s.trustedKeys) && Objects.equals(threshold, s.threshold)
        && Objects.equals(signingAlgorithms, s.signingAlgorithms)
        && Objects.equals(namespaceSelector, s.namespaceSelector) && Objects.equals(pinDigests, s.pinDigests);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, images, compartmentId, compartmentIdInSubtree, trustedKeys, threshold,
        signingAlgorithms, namespaceSelector, pinDigests);
  }

  @Override
  public String toString() {
    return "ClusterImageSignaturePolicySpec{mode=" + mode + ", images=" + images + ", compartmentId=" + compartmentId
        + ", compartmentIdInSubtree=" + compartmentIdInSubtree + ", trustedKeys=" + trustedKeys
        + ", threshold=" + threshold + ", signingAlgorithms=" + signingAlgorithms
        + ", namespaceSelector=" + namespaceSelector + ", pinDigests=" + pinDigests + "}";
  }
}
