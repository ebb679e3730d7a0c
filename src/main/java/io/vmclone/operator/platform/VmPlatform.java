package io.vmclone.operator.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.RunStrategy;
import java.util.Optional;

/**
 * The port the workflow's actions call to act on virtual machines. Every method is idempotent:
 * creating something that exists with our task label adopts it, deleting something that is gone
 * succeeds, and nothing without our task label is ever changed or deleted (finalizers aside, which
 * are ours by name).
 *
 * <p>Errors that retrying can fix (API server unreachable, conflicts) surface as the client's
 * runtime exceptions; refusals that retrying cannot fix as {@link PlatformException}.
 */
public interface VmPlatform {

  /** The label every object the operator creates carries, with the task id as value. */
  String TASK_LABEL = "vmclone.io/task-id";

  /** On a source: the ids of the tasks recovering with it, comma-separated. */
  String IN_RECOVERY_ANNOTATION = "vmclone.io/in-recovery";

  /** The source object, or empty if it does not exist. */
  Optional<SourceObject> findSource(ObjectRef source);

  /** The VirtualMachine, or empty if it does not exist. */
  Optional<VmState> findVm(String namespace, String name);

  /** Adds a finalizer to the object if it is not there. A missing object is an error. */
  void addFinalizer(ObjectRef object, String finalizer);

  /** Removes the finalizer if it is there; a missing object is fine. */
  void removeFinalizer(ObjectRef object, String finalizer);

  /** Adds the task to the object's in-recovery annotation; a missing object is fine. */
  void markInRecovery(ObjectRef object, String taskId);

  /** Removes the task from the object's in-recovery annotation; a missing object is fine. */
  void clearInRecovery(ObjectRef object, String taskId);

  /**
   * Creates a VirtualMachineSnapshot of the VM if none of that name exists, and reports its state.
   * A snapshot of that name without our label is reported with {@code ours == false}.
   */
  SnapshotState ensureSnapshot(String namespace, String name, String vmName, String taskId);

  /** The state of an existing snapshot (ours or the user's), or empty if it does not exist. */
  Optional<SnapshotState> readSnapshot(String namespace, String name, String taskId);

  /** Deletes the snapshot if it exists and carries our task label. */
  void deleteSnapshot(String namespace, String name, String taskId);

  /** Creates the DataVolume if it does not exist and reports the copy's state. */
  DiskCopyState ensureDiskCopy(DiskCopyRequest request);

  /** Deletes the DataVolume if it exists and carries our task label. */
  void deleteDiskCopy(String namespace, String name, String taskId);

  /** Creates the VM from a manifest that carries namespace, name and our task label. */
  CreateOutcome createVm(ObjectNode manifest);

  /** Deletes the VM if it exists and carries our task label. */
  void deleteVm(String namespace, String name, String taskId);

  /** Sets spec.runStrategy of our VM and reports its state; empty if the VM is gone. */
  Optional<VmState> setRunStrategy(
      String namespace, String name, String taskId, RunStrategy strategy);
}
