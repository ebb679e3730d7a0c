package io.vmclone.operator.platform.kubevirt;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Arrays;
import java.util.Optional;

/**
 * The KubeVirt and CDI kinds the platform speaks, with the contexts the generic client needs to
 * reach them whether or not their CRDs are known to the client (no discovery call is made).
 */
enum KubeVirtResource {
  VIRTUAL_MACHINE("kubevirt.io", "v1", "virtualmachines", "VirtualMachine"),
  VIRTUAL_MACHINE_SNAPSHOT(
      "snapshot.kubevirt.io", "v1beta1", "virtualmachinesnapshots", "VirtualMachineSnapshot"),
  VIRTUAL_MACHINE_SNAPSHOT_CONTENT(
      "snapshot.kubevirt.io",
      "v1beta1",
      "virtualmachinesnapshotcontents",
      "VirtualMachineSnapshotContent"),
  DATA_VOLUME("cdi.kubevirt.io", "v1beta1", "datavolumes", "DataVolume");

  private final String group;
  private final String version;
  private final String plural;
  private final String kind;
  private final ResourceDefinitionContext context;

  KubeVirtResource(String group, String version, String plural, String kind) {
    this.group = group;
    this.version = version;
    this.plural = plural;
    this.kind = kind;
    this.context =
        new ResourceDefinitionContext.Builder()
            .withGroup(group)
            .withVersion(version)
            .withPlural(plural)
            .withKind(kind)
            .withNamespaced(true)
            .build();
  }

  ResourceDefinitionContext context() {
    return context;
  }

  String apiVersion() {
    return group + "/" + version;
  }

  String kind() {
    return kind;
  }

  /** {@code plural.group}, as RBAC and error messages name it. */
  String resourceName() {
    return plural + "." + group;
  }

  /** The resource of that kind, e.g. {@code VirtualMachine}. */
  static Optional<KubeVirtResource> forKind(String kind) {
    return Arrays.stream(values()).filter(r -> r.kind.equals(kind)).findFirst();
  }
}
