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
 * reading its state, with the content it points to once it is ready. A ready content is read once
 * when there is a {@link ReadyContents} to remember it in (the operator's own platform).
 */
final class Snapshots {

  private final KubeApi api;
  private final OwnedObjects owned;
  private final ReadyContents contents;

  /**
   * @param contents where the READY states of contents are remembered, or null to read a content
   *     every time (a platform acting as a requester)
   */
  Snapshots(KubeApi api, OwnedObjects owned, ReadyContents contents) {
    this.api = api;
    this.owned = owned;
    this.contents = contents;
  }

  /**
   * The snapshot of that name if it is ours, else a new one of the VM. The VM is not read (a
   * missing VM is left for KubeVirt to report); whether it can be cloned is the caller's question.
   *
   * @throws io.vmclone.operator.platform.PlatformException ({@code NameConflict}) if one of that
   *     name is not ours
   */
  SnapshotState ensure(String namespace, String name, String vmName, Ownership owner) {
    Optional<ObjectNode> existing = api.getIfOurs(VIRTUAL_MACHINE_SNAPSHOT, namespace, name);
    if (existing.isPresent()) {
      return ourState(existing.get(), namespace, name, owner);
    }
    ObjectNode snapshot =
        owned.createOrGet(
            VIRTUAL_MACHINE_SNAPSHOT, namespace, name, manifest(namespace, name, vmName, owner));
    return ourState(snapshot, namespace, name, owner);
  }

  Optional<SnapshotState> read(String namespace, String name) {
    return api.get(VIRTUAL_MACHINE_SNAPSHOT, namespace, name).map(this::state);
  }

  /**
   * The snapshot's state; its content is read only once the snapshot is ready to use, and then only
   * if its READY state is not remembered yet.
   */
  SnapshotState state(ObjectNode snapshot) {
    if (!snapshot.at("/status/readyToUse").asBoolean(false)) {
      return SnapshotStates.of(snapshot, Optional.empty());
    }
    String namespace = snapshot.at("/metadata/namespace").asText();
    String content = SnapshotStates.contentName(snapshot);
    String uid = snapshot.at("/metadata/uid").asText();
    Optional<SnapshotState> remembered =
        contents == null ? Optional.empty() : contents.find(namespace, content, uid);
    if (remembered.isPresent()) {
      return remembered.get();
    }
    SnapshotState state =
        SnapshotStates.of(snapshot, api.get(VIRTUAL_MACHINE_SNAPSHOT_CONTENT, namespace, content));
    if (contents != null) {
      contents.remember(namespace, content, uid, state);
    }
    return state;
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
