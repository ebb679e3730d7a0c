package io.vmclone.operator.platform.kubevirt;

import io.vmclone.operator.platform.SnapshotState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The READY states of VirtualMachineSnapshotContents the operator has read, so that a clone reads
 * its snapshot's content once rather than at every step that needs it. A content's spec (the VM as
 * recorded and the volume backups, all a READY state holds) never changes after KubeVirt created
 * it: KubeVirt's controller writes only its status and finalizers, and KubeVirt's admission policy
 * {@code vmsnapshotcontent-policy.snapshot.kubevirt.io} refuses any update with {@code object.spec
 * != oldObject.spec}.
 *
 * <p>A state is found by the content's namespace and name together with the UID of the snapshot it
 * was read for, so a snapshot deleted and made again under its name, or pointed at another content,
 * is never answered with an older one. Whether the snapshot is still ready is not remembered: the
 * caller asks its snapshot that every time.
 *
 * <p>Only the operator's own platform keeps one: a platform acting as a requester reads as them,
 * every time. Bounded ({@link #CAPACITY} states, the least recently used out); the VM manifests are
 * copied in and out, so no caller can change what another reads. Thread-safe.
 */
final class ReadyContents {

  static final int CAPACITY = 256;

  private final Map<String, SnapshotState> states;

  ReadyContents(int capacity) {
    this.states =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, SnapshotState> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The READY state remembered for that content of that snapshot, if any. */
  synchronized Optional<SnapshotState> find(String namespace, String content, String snapshotUid) {
    return Optional.ofNullable(states.get(key(namespace, content, snapshotUid)))
        .map(ReadyContents::copy);
  }

  /** Remembers a READY state; any other is not a content's final word and is left alone. */
  synchronized void remember(
      String namespace, String content, String snapshotUid, SnapshotState state) {
    if (state.phase() == SnapshotState.Phase.READY) {
      states.put(key(namespace, content, snapshotUid), copy(state));
    }
  }

  synchronized int size() {
    return states.size();
  }

  private static SnapshotState copy(SnapshotState state) {
    return new SnapshotState(
        state.phase(),
        state.message(),
        state.vm() == null ? null : state.vm().deepCopy(),
        state.volumes().stream()
            .map(
                v ->
                    new SnapshotState.VolumeBackup(
                        v.volumeName(),
                        v.volumeSnapshotName(),
                        v.storage() == null ? null : v.storage().deepCopy()))
            .toList());
  }

  private static String key(String namespace, String content, String snapshotUid) {
    return namespace + "/" + content + "/" + snapshotUid;
  }
}
