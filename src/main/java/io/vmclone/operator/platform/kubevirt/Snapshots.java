package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.operator.platform.kubevirt.KubeVirtResource.VIRTUAL_MACHINE;
import static io.vmclone.operator.platform.kubevirt.KubeVirtResource.VIRTUAL_MACHINE_SNAPSHOT;
import static io.vmclone.operator.platform.kubevirt.KubeVirtResource.VIRTUAL_MACHINE_SNAPSHOT_CONTENT;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.platform.Ownership;
import io.vmclone.operator.platform.SnapshotState;
import java.util.Optional;

/**
 * The VirtualMachineSnapshots of source VMs: creating one (or adopting ours of that name) and
 * reading its state, with the content it points to once it is ready.
 */
final class Snapshots {

  private final KubeApi api;
  private final OwnedObjects owned;

  Snapshots(KubeApi api, OwnedObjects owned) {
    this.api = api;
    this.owned = owned;
  }

  /**
   * The snapshot of that name if it is ours, else a new one of the VM, created after {@link
   * Cloneability} accepted the VM (a missing VM is left for KubeVirt to report).
   *
   * @throws io.vmclone.operator.platform.PlatformException ({@code NameConflict}) if one of that
   *     name is not ours, ({@code SourceNotCloneable}) if the VM cannot be cloned
   */
  SnapshotState ensure(String namespace, String name, String vmName, Ownership owner) {
    Optional<ObjectNode> existing = api.getIfOurs(VIRTUAL_MACHINE_SNAPSHOT, namespace, name);
    if (existing.isPresent()) {
      return ourState(existing.get(), namespace, name, owner);
    }
    api.get(VIRTUAL_MACHINE, namespace, vmName).ifPresent(Cloneability::requireCloneable);
    ObjectNode snapshot =
        owned.createOrGet(
            VIRTUAL_MACHINE_SNAPSHOT, namespace, name, manifest(namespace, name, vmName, owner));
    return ourState(snapshot, namespace, name, owner);
  }

  Optional<SnapshotState> read(String namespace, String name) {
    return api.get(VIRTUAL_MACHINE_SNAPSHOT, namespace, name).map(this::state);
  }

  /** The snapshot's state; its content is read only once the snapshot is ready to use. */
  SnapshotState state(ObjectNode snapshot) {
    String namespace = snapshot.at("/metadata/namespace").asText();
    Optional<ObjectNode> content =
        snapshot.at("/status/readyToUse").asBoolean(false)
            ? api.get(
                VIRTUAL_MACHINE_SNAPSHOT_CONTENT, namespace, SnapshotStates.contentName(snapshot))
            : Optional.empty();
    return SnapshotStates.of(snapshot, content);
  }

  private SnapshotState ourState(
      ObjectNode snapshot, String namespace, String name, Ownership owner) {
    Refusals.requireOurs(
        VIRTUAL_MACHINE_SNAPSHOT,
        snapshot,
        namespace,
        name,
        owner,
        Reasons.NAME_CONFLICT,
        "this clone");
    return state(snapshot);
  }

  private static ObjectNode manifest(
      String namespace, String name, String vmName, Ownership owner) {
    ObjectNode snapshot = OwnedObjects.manifest(VIRTUAL_MACHINE_SNAPSHOT, namespace, name, owner);
    snapshot
        .putObject("spec")
        .putObject("source")
        .put("apiGroup", "kubevirt.io")
        .put("kind", VIRTUAL_MACHINE.kind())
        .put("name", vmName);
    return snapshot;
  }
}
