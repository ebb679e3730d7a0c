package io.vmclone.operator.reconciler;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.platform.ChildWatch;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Wakes a clone when an object it created changes: the platform's watch tells the task id on the
 * object, and this registry of the running clones' tasks turns it into the clone to reconcile. A
 * clone is registered by each reconcile of an unfinished task before its actions run (so a change
 * to an object an action has just created, seen before that reconcile ends, still wakes the clone:
 * JOSDK runs it again afterwards) and forgotten when it finishes, so the registry holds the running
 * clones only. A change to an object of a task not registered, e.g. right after a restart before
 * the clone's first reconcile, is left to that reconcile.
 */
final class ChildWakeUps {

  private final Map<String, ResourceID> clonesByTask = new ConcurrentHashMap<>();

  ChildWakeUps(ChildWatch watch, Consumer<ResourceID> wake) {
    watch.onChange(
        taskId -> {
          ResourceID clone = clonesByTask.get(taskId);
          if (clone != null) {
            wake.accept(clone);
          }
        });
  }

  /** The clone runs the task; a change to the task's objects wakes it. */
  void track(String taskId, VirtualMachineClone clone) {
    if (taskId != null) {
      clonesByTask.put(taskId, ResourceID.fromResource(clone));
    }
  }

  /** The task is finished: changes to its objects (their removal, say) concern no one. */
  void forget(String taskId) {
    if (taskId != null) {
      clonesByTask.remove(taskId);
    }
  }
}
