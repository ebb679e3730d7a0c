package io.vmclone.operator.api;

/** The kinds a clone can copy from. */
public enum SourceKind {
  VirtualMachine,
  VirtualMachineSnapshot
}
