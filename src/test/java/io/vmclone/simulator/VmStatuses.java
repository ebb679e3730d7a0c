package io.vmclone.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The VirtualMachine statuses KubeVirt reports in each state, computed from the current object so
 * that fields the simulator does not own survive.
 */
final class VmStatuses {

  private VmStatuses() {}

  static ObjectNode stopped(ObjectNode vm) {
    ObjectNode status = current(vm);
    status.put("printableStatus", "Stopped");
    status.put("ready", false);
    status.remove("created");
    Conditions.put(
        status, Conditions.kubevirt("Ready", false, "VMINotExists", "VMI does not exist"));
    return status;
  }

  static ObjectNode starting(ObjectNode vm) {
    ObjectNode status = current(vm);
    status.put("printableStatus", "Starting");
    status.put("created", true);
    status.put("ready", false);
    Conditions.put(
        status,
        Conditions.kubevirt(
            "Ready", false, "GuestNotRunning", "Guest VM is not reported as running"));
    return status;
  }

  static ObjectNode running(ObjectNode vm) {
    ObjectNode status = current(vm);
    status.put("printableStatus", "Running");
    status.put("created", true);
    status.put("ready", true);
    Conditions.put(status, Conditions.kubevirt("Ready", true, null, null));
    return status;
  }

  private static ObjectNode current(ObjectNode vm) {
    return vm.path("status").isObject() ? vm.path("status").deepCopy() : vm.objectNode();
  }
}
