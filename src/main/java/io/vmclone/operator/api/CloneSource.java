package io.vmclone.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** The object a clone copies. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CloneSource {

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
