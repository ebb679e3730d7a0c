package io.vmclone.operator.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.RunStrategy;
import io.vmclone.operator.platform.DiskCopyRequest;
import io.vmclone.operator.platform.DiskCopyState;
import io.vmclone.operator.platform.ObjectRef;
import io.vmclone.operator.platform.Ownership;
import io.vmclone.operator.platform.SnapshotState;
import io.vmclone.operator.platform.SourceObject;
import io.vmclone.operator.platform.VmCreation;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.platform.VmState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * For the engine's unit tests, whose actions are scripted: records the in-recovery flags the engine
 * sets on sources and refuses every other platform call (the engine makes none itself).
 */
final class RecordingSourceFlags implements VmPlatform {

  final List<String> calls = new ArrayList<>();

  @Override
  public void markInRecovery(ObjectRef object, String taskId) {
    calls.add("mark " + object.name());
  }

  @Override
  public void clearInRecovery(ObjectRef object, String taskId) {
    calls.add("clear " + object.name());
  }

  @Override
  public void setInRecovery(ObjectRef object, Set<String> taskIds) {
    calls.add("set " + object.name() + " " + String.join(",", taskIds));
  }

  @Override
  public Optional<SourceObject> findSource(ObjectRef source) {
    throw unexpected();
  }

  @Override
  public Optional<VmState> findVm(String namespace, String name) {
    throw unexpected();
  }

  @Override
  public void addFinalizer(ObjectRef object, String finalizer) {
    throw unexpected();
  }

  @Override
  public void removeFinalizer(ObjectRef object, String finalizer) {
    throw unexpected();
  }

  @Override
  public SnapshotState ensureSnapshot(
      String namespace, String name, String vmName, Ownership owner) {
    throw unexpected();
  }

  @Override
  public Optional<SnapshotState> readSnapshot(String namespace, String name) {
    throw unexpected();
  }

  @Override
  public void deleteSnapshot(String namespace, String name, Ownership owner) {
    throw unexpected();
  }

  @Override
  public DiskCopyState ensureDiskCopy(DiskCopyRequest request) {
    throw unexpected();
  }

  @Override
  public Optional<DiskCopyState> findDiskCopy(String namespace, String name, Ownership owner) {
    throw unexpected();
  }

  @Override
  public void deleteDiskCopy(String namespace, String name, Ownership owner) {
    throw unexpected();
  }

  @Override
  public VmCreation createVm(ObjectNode manifest, Ownership owner) {
    throw unexpected();
  }

  @Override
  public void deleteVm(String namespace, String name, Ownership owner) {
    throw unexpected();
  }

  @Override
  public Optional<VmState> setRunStrategy(
      String namespace, String name, String uid, RunStrategy strategy) {
    throw unexpected();
  }

  private static UnsupportedOperationException unexpected() {
    return new UnsupportedOperationException("the engine itself calls only the recovery flags");
  }
}
