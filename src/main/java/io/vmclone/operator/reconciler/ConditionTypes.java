package io.vmclone.operator.reconciler;

/** The condition types of a VirtualMachineClone and the reasons only the projection sets. */
public final class ConditionTypes {
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String BLOCKED = "Blocked";
  public static final String RECOVERING = "Recovering";

  static final String SUCCEEDED = "Succeeded";
  static final String NOT_READY = "NotReady";
  static final String PENDING = "Pending";
  static final String NOT_BLOCKED = "NotBlocked";
  static final String NOT_RECOVERING = "NotRecovering";
  static final String INTERRUPTED = "Interrupted";
  static final String DATABASE_UNAVAILABLE = "DatabaseUnavailable";
  static final String API_SERVER_ERROR = "ApiServerError";
  static final String CREATION_KEY_UNAVAILABLE = "CreationKeyUnavailable";
  static final String RECONCILE_ERROR = "ReconcileError";

  private ConditionTypes() {}
}
