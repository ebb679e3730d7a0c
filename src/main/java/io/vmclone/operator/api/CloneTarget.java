package io.vmclone.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** Where the new VirtualMachine goes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CloneTarget {

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
