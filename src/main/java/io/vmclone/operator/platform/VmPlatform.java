package io.vmclone.operator.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.api.RunStrategy;
import java.util.Optional;
import java.util.Set;

/**
 * The port the workflow's actions call to act on virtual machines. Every method is idempotent:
 * creating something that exists and is provably ours ({@link Ownership}: our task label and a
 * creation mark only this task's journal can make) adopts it, deleting something that is gone
 * succeeds, and nothing else is ever adopted, changed or deleted (finalizers aside, which are ours
 * by name). A label alone proves nothing: anyone who may label an object can set it. Deletes carry
 * a precondition on the object as it was checked, so a replacement is never deleted.
 *
 * <p>Errors that retrying can fix (API server unreachable, conflicts) surface as the client's
 * runtime exceptions; refusals that retrying cannot fix as {@link PlatformException}, with a reason
 * of {@link Reasons}. An object of a name the clone needs that is not provably its own is one such
 * refusal, and the only way the port says so: {@code NameConflict} for a snapshot or disk copy,
 * {@code TargetExists} or {@code TargetNotOurs} for the target VM.
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

  /**
   * As {@link #addFinalizer(ObjectRef, String)} on {@code source.ref()}, for a source as {@link
   * #findSource} just read it: a platform may write the finalizer onto that very version of the
   * object without reading it again, on condition that the object has not changed since (its
   * resourceVersion), and reads it again only if it has. A source read as being deleted is refused
   * like one read now. The default reads the object again.
   */
  default void addFinalizer(SourceObject source, String finalizer) {
    addFinalizer(source.ref(), finalizer);
  }

  /** Removes the finalizer if it is there; a missing object is fine. */
  void removeFinalizer(ObjectRef object, String finalizer);

  /** Adds the task to the object's in-recovery annotation; a missing object is fine. */
  void markInRecovery(ObjectRef object, String taskId);

  /** Removes the task from the object's in-recovery annotation; a missing object is fine. */
  void clearInRecovery(ObjectRef object, String taskId);

  /**
   * Makes the object's in-recovery annotation name exactly these tasks (none: no annotation), in
   * one write that reads nothing, whatever it said before; a missing object is fine. For a caller
   * that knows every task recovering with the object: a task another thread adds or removes at the
   * same time with {@link #markInRecovery} or {@link #clearInRecovery} may be overwritten, so the
   * caller checks afterwards what changed meanwhile.
   */
  void setInRecovery(ObjectRef object, Set<String> taskIds);

  /**
   * Creates a VirtualMachineSnapshot of the VM, marked as {@code owner}'s, if none of that name
   * exists, and reports its state.
   *
   * @throws PlatformException ({@code NameConflict}) if one of that name exists and is not provably
   *     {@code owner}'s; it is left alone
   */
  SnapshotState ensureSnapshot(String namespace, String name, String vmName, Ownership owner);

  /** The state of an existing snapshot, ours or the user's, or empty if it does not exist. */
  Optional<SnapshotState> readSnapshot(String namespace, String name);

  /** Deletes the snapshot if it exists and is provably {@code owner}'s. */
  void deleteSnapshot(String namespace, String name, Ownership owner);

  /**
   * Creates the DataVolume, marked as the request's owner's, if it does not exist and reports the
   * copy's state.
   *
   * @throws PlatformException ({@code NameConflict}) if one of that name exists and is not provably
   *     the owner's
   */
  DiskCopyState ensureDiskCopy(DiskCopyRequest request);

  /**
   * The state of the DataVolume, or empty if it does not exist; reads only, so that the copies can
   * be watched with the operator's own account whoever created them.
   *
   * @throws PlatformException ({@code NameConflict}) if it exists and is not provably {@code
   *     owner}'s
   */
  Optional<DiskCopyState> findDiskCopy(String namespace, String name, Ownership owner);

  /** Deletes the DataVolume if it exists and is provably {@code owner}'s. */
  void deleteDiskCopy(String namespace, String name, Ownership owner);

  /**
   * Creates the VM from a manifest that carries namespace and name, with {@code owner}'s task label
   * and creation mark set last (whatever the manifest says). A VM of that name is adopted only if
   * it is provably {@code owner}'s.
   *
   * @throws PlatformException ({@code TargetExists}) if a VM of that name exists and is not
   *     provably {@code owner}'s; it is left alone
   */
  VmCreation createVm(ObjectNode manifest, Ownership owner);

  /** Deletes the VM if it exists and is provably {@code owner}'s. */
  void deleteVm(String namespace, String name, Ownership owner);

  /**
   * Sets spec.runStrategy of the VM with this UID (the one the clone created) and reports its
   * state; empty if the VM is gone.
   *
   * @throws PlatformException ({@code TargetNotOurs}) if a VM of that name has another UID
   */
  Optional<VmState> setRunStrategy(String namespace, String name, String uid, RunStrategy strategy);

  /** Makes platforms that act with another identity than the operator's own. */
  interface Factory {

    /** The platform whose calls carry the client's identity (a requester's token, say). */
    VmPlatform forClient(KubernetesClient client);
  }
}
