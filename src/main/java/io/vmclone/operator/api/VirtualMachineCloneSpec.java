package io.vmclone.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** What to clone, where to, and how. Immutable once the clone exists. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self == oldSelf", message = "spec is immutable once the clone exists")
public class VirtualMachineCloneSpec {

  @Required
  @JsonPropertyDescription("The VirtualMachine or VirtualMachineSnapshot to clone.")
  private CloneSource source;

  @JsonPropertyDescription(
      "Where the new VirtualMachine goes. The name defaults to <source>-clone-<5 characters of the"
          + " clone's UID>, the namespace to the clone's.")
  private CloneTarget target;

  @JsonPropertyDescription(
      "Which labels of the source VM the target VM keeps, in KubeVirt's filter syntax: a key, a"
          + " prefix ending in '*', or '*' for all; a leading '!' excludes. A key is kept when a"
          + " filter without '!' matches it and no filter with '!' does, whatever their order."
          + " Default: all.")
  @Size(max = SpecLimits.FILTERS)
  private List<@Size(max = SpecLimits.FILTER_LENGTH) String> labelFilters;

  @JsonPropertyDescription(
      "Which annotations of the source VM the target VM keeps, with the syntax of labelFilters."
          + " Default: all.")
  @Size(max = SpecLimits.FILTERS)
  private List<@Size(max = SpecLimits.FILTER_LENGTH) String> annotationFilters;

  @JsonPropertyDescription(
      "Filters for the labels and annotations of the VM's template (spec.template.metadata).")
  private TemplateFilters template;

  @JsonPropertyDescription(
      "MAC addresses for the target's interfaces, by interface name. An empty value, or an"
          + " interface not listed, gets a new address assigned by KubeVirt.")
  @Size(max = SpecLimits.INTERFACES)
  @ValidationRule(
      value = "self.all(name, size(name) <= 63)",
      message = "an interface name is at most 63 characters")
  private Map<String, @Size(max = SpecLimits.MAC_LENGTH) String> newMacAddresses;

  @JsonPropertyDescription(
      "The SMBIOS serial of the target. Default: a new serial derived from the clone's UID.")
  @Size(max = SpecLimits.SERIAL_LENGTH)
  private String newSMBiosSerial;

  @JsonPropertyDescription(
      "JSON patch operations (RFC 6902), each a JSON object in a string, applied to the target VM"
          + " last.")
  @Size(max = SpecLimits.PATCHES)
  private List<@Size(max = SpecLimits.PATCH_LENGTH) String> patches;

  @JsonPropertyDescription(
      "How the copies of the source's disks (DataVolumes) are named. RandomizeNames (the default):"
          + " vmclone-<12 characters of the clone's key>-<volume>. PrefixTargetName:"
          + " <target>-<volume>, predictable from the manifest, as in KubeVirt's clone API. A name"
          + " over 63 characters is shortened with a hash of the whole name.")
  private VolumeNamePolicy volumeNamePolicy;

  @JsonPropertyDescription(
      "The runStrategy of the target VM. Halted (the default) leaves it stopped; Always,"
          + " RerunOnFailure and Once start it after the disks are copied.")
  private RunStrategy runStrategy;

  @JsonPropertyDescription(
      "How long the clone may take and how often it may be restarted after an interruption.")
  private ClonePolicy policy;

  public CloneSource getSource() {
    return source;
  }

  public void setSource(CloneSource source) {
    this.source = source;
  }

  public CloneTarget getTarget() {
    return target;
  }

  public void setTarget(CloneTarget target) {
    this.target = target;
  }

  public List<String> getLabelFilters() {
    return labelFilters;
  }

  public void setLabelFilters(List<String> labelFilters) {
    this.labelFilters = labelFilters;
  }

  public List<String> getAnnotationFilters() {
    return annotationFilters;
  }

  public void setAnnotationFilters(List<String> annotationFilters) {
    this.annotationFilters = annotationFilters;
  }

  public TemplateFilters getTemplate() {
    return template;
  }

  public void setTemplate(TemplateFilters template) {
    this.template = template;
  }

  public Map<String, String> getNewMacAddresses() {
    return newMacAddresses;
  }

  public void setNewMacAddresses(Map<String, String> newMacAddresses) {
    this.newMacAddresses = newMacAddresses;
  }

  public String getNewSMBiosSerial() {
    return newSMBiosSerial;
  }

  public void setNewSMBiosSerial(String newSMBiosSerial) {
    this.newSMBiosSerial = newSMBiosSerial;
  }

  public List<String> getPatches() {
    return patches;
  }

  public void setPatches(List<String> patches) {
    this.patches = patches;
  }

  public VolumeNamePolicy getVolumeNamePolicy() {
    return volumeNamePolicy;
  }

  public void setVolumeNamePolicy(VolumeNamePolicy volumeNamePolicy) {
    this.volumeNamePolicy = volumeNamePolicy;
  }

  public RunStrategy getRunStrategy() {
    return runStrategy;
  }

  public void setRunStrategy(RunStrategy runStrategy) {
    this.runStrategy = runStrategy;
  }

  public ClonePolicy getPolicy() {
    return policy;
  }

  public void setPolicy(ClonePolicy policy) {
    this.policy = policy;
  }

  /** The namespace of the source: the one given, else the clone's own. */
  public String sourceNamespaceIn(String cloneNamespace) {
    return orClone(source == null ? null : source.getNamespace(), cloneNamespace);
  }

  /** The namespace of the target: the one given, else the clone's own. */
  public String targetNamespaceIn(String cloneNamespace) {
    return orClone(target == null ? null : target.getNamespace(), cloneNamespace);
  }

  private static String orClone(String namespace, String cloneNamespace) {
    return namespace == null || namespace.isEmpty() ? cloneNamespace : namespace;
  }
}
