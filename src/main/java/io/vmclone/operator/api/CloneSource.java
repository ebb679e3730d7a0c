package io.vmclone.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The object a clone copies: a typed reference as in KubeVirt's clone API ({@code apiGroup}, {@code
 * kind}, {@code name}), plus a namespace of its own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.apiGroup) || self.apiGroup == (self.kind == 'VirtualMachineSnapshot'"
            + " ? '"
            + CloneSource.SNAPSHOT_GROUP
            + "' : '"
            + CloneSource.VM_GROUP
            + "')",
    message =
        "apiGroup must be "
            + CloneSource.VM_GROUP
            + " for a VirtualMachine, "
            + CloneSource.SNAPSHOT_GROUP
            + " for a VirtualMachineSnapshot")
public class CloneSource {

  /** The API group of VirtualMachines. */
  public static final String VM_GROUP = "kubevirt.io";

  /** The API group of VirtualMachineSnapshots. */
  public static final String SNAPSHOT_GROUP = "snapshot.kubevirt.io";

  @Size(max = SpecLimits.SUBDOMAIN_LENGTH)
  @JsonPropertyDescription(
      "The API group of the source's kind: kubevirt.io for a VirtualMachine, snapshot.kubevirt.io"
          + " for a VirtualMachineSnapshot. Optional; when given it must match the kind.")
  private String apiGroup;

  @Required
  @JsonPropertyDescription(
      "VirtualMachine (kubevirt.io) or VirtualMachineSnapshot (snapshot.kubevirt.io).")
  private SourceKind kind;

  @Required
  @Pattern(Names.DNS_SUBDOMAIN)
  @Size(max = SpecLimits.SUBDOMAIN_LENGTH)
  @JsonPropertyDescription("The name of the source object.")
  private String name;

  @Pattern(Names.DNS_LABEL)
  @Size(max = SpecLimits.LABEL_LENGTH)
  @JsonPropertyDescription(
      "The namespace of the source object. Default: the clone's namespace; another namespace"
          + " makes a cross-namespace clone.")
  private String namespace;

  public CloneSource() {}

  public CloneSource(SourceKind kind, String name, String namespace) {
    this.kind = kind;
    this.name = name;
    this.namespace = namespace;
  }

  public String getApiGroup() {
    return apiGroup;
  }

  public void setApiGroup(String apiGroup) {
    this.apiGroup = apiGroup;
  }

  /** The API group the kind belongs to. */
  public static String groupOf(SourceKind kind) {
    return kind == SourceKind.VirtualMachineSnapshot ? SNAPSHOT_GROUP : VM_GROUP;
  }

  public SourceKind getKind() {
    return kind;
  }

  public void setKind(SourceKind kind) {
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
