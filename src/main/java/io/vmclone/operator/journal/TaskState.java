package io.vmclone.operator.journal;

/** The state of a clone task, as a vSphere Task has it. */
public enum TaskState {
  QUEUED,
  RUNNING,
  SUCCESS,
  ERROR;

  public boolean isTerminal() {
    return this == SUCCESS || this == ERROR;
  }
}
