package io.vmclone.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Where the new VirtualMachine goes: a typed reference as in KubeVirt's clone API ({@code
 * apiGroup}, {@code kind}, {@code name}; only a VirtualMachine), plus a namespace of its own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CloneTarget {

  /** The only kind a clone makes. */
  public static final String KIND = "VirtualMachine";

  @Size(max = SpecLimits.SUBDOMAIN_LENGTH)
  @ValidationRule(value = "self == '" + CloneSource.VM_GROUP + "'", message = "must be kubevirt.io")
  @JsonPropertyDescription("The API group of the target: kubevirt.io. Optional.")
  private String apiGroup;

  @Size(max = SpecLimits.LABEL_LENGTH)
  @ValidationRule(value = "self == '" + KIND + "'", message = "must be VirtualMachine")
  @JsonPropertyDescription("The kind of the target: VirtualMachine. Optional.")
  private String kind;

  @Pattern(Names.DNS_LABEL)
  @Size(max = SpecLimits.LABEL_LENGTH)
  @JsonPropertyDescription(
      "The name of the new VM. Default: <source>-clone-<5 characters of the clone's UID>.")
  private String name;

  @Pattern(Names.DNS_LABEL)
  @Size(max = SpecLimits.LABEL_LENGTH)
  @JsonPropertyDescription("The namespace of the new VM. Default: the clone's namespace.")
  private String namespace;

  public CloneTarget() {}

  public CloneTarget(String name, String namespace) {
    this.name = name;
    this.namespace = namespace;
  }

  public String getApiGroup() {
    return apiGroup;
  }

  public void setApiGroup(String apiGroup) {
    this.apiGroup = apiGroup;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }
}
