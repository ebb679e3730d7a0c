package io.vmclone.operator.platform;

import java.util.function.Consumer;

/**
 * The platform's watch on the objects that clones create (snapshots, disk copies, target VMs),
 * found by their {@value VmPlatform#TASK_LABEL} label. A change to one is told by the task id on
 * it, so that the clone waiting for it is looked at at once rather than at its next poll.
 */
public interface ChildWatch {

  /**
   * Adds a listener of changes; it gets the task id of the object that changed. It runs on the
   * watch's own thread and must return quickly (e.g. only queue a reconcile).
   */
  void onChange(Consumer<String> listener);

  /**
   * Whether changes to such objects in that namespace are heard now: the watch covers the namespace
   * and has listed it. When not, a waiting clone must poll.
   */
  boolean watches(String namespace);
}
