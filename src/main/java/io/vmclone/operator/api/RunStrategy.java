package io.vmclone.operator.api;

/** KubeVirt run strategies a target VM can be given. */
public enum RunStrategy {
  Halted,
  Manual,
  Always,
  RerunOnFailure,
  Once;

  /** Whether the target VM is started by the PowerOn step. */
  public boolean startsVm() {
    return this == Always || this == RerunOnFailure || this == Once;
  }
}
