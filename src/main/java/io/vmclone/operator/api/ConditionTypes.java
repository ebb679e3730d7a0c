package io.vmclone.operator.api;

/**
 * The condition types of a VirtualMachineClone; their reasons are the constants of {@link Reasons}.
 */
public final class ConditionTypes {
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String BLOCKED = "Blocked";
  public static final String RECOVERING = "Recovering";

  private ConditionTypes() {}
}
