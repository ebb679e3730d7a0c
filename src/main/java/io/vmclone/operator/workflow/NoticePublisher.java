package io.vmclone.operator.workflow;

import io.vmclone.operator.api.VirtualMachineClone;

/**
 * Publishes {@link Notice}s about a clone where people see them, for work outside a reconcile (the
 * reconciler publishes a step's notices itself). Best effort: a notice that cannot be published is
 * never allowed to fail the caller.
 */
public interface NoticePublisher {

  void publish(VirtualMachineClone clone, Notice notice);
}
