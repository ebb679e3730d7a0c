package io.vmclone.operator.workflow;

/** Condition and event reasons the workflow sets. UpperCamel constants, stable for users. */
public final class Reasons {
  public static final String SOURCE_NOT_FOUND = "SourceNotFound";
  public static final String SOURCE_NOT_CLONEABLE = "SourceNotCloneable";
  public static final String TARGET_NAME_IN_USE = "TargetNameInUse";
  public static final String TARGET_EXISTS = "TargetExists";
  public static final String TARGET_DELETED = "TargetDeleted";
  public static final String SOURCE_LOCKED = "SourceLocked";
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String SNAPSHOT_FAILED = "SnapshotFailed";
  public static final String COPY_FAILED = "CopyFailed";
  public static final String DEADLINE_EXCEEDED = "DeadlineExceeded";
  public static final String DELETED = "CloneDeleted";
  public static final String SPEC_CHANGE_IGNORED = "SpecChangeIgnored";
  public static final String FORBIDDEN = "Forbidden";
  public static final String UNDO_FAILED = "UndoFailed";
  public static final String INTERRUPTED = "Interrupted";
  public static final String MAX_RESTARTS_EXCEEDED = "MaxRestartsExceeded";
  public static final String ENTITY_IN_RECOVERY = "EntityInRecovery";
  public static final String RESTARTED = "Restarted";
  public static final String IDENTITY_REVOKED = "IdentityRevoked";
  public static final String REQUESTER_UNKNOWN = "RequesterUnknown";
  public static final String REQUESTER_UNVERIFIED = "RequesterUnverified";
  public static final String TOO_MANY_CLONES = "TooManyClones";
  public static final String TASK_PRUNED = "TaskPruned";
  public static final String NAME_CONFLICT = "NameConflict";
  public static final String REQUESTER_OUT_OF_SCOPE = "RequesterOutOfScope";

  /** A person's clone across namespaces needs impersonation to create its disk copies as them. */
  public static final String IMPERSONATION_REQUIRED = "ImpersonationRequired";

  /** A preserved token's Secret could not be deleted; it is tried again until it is gone. */
  public static final String TOKEN_NOT_REMOVED = "TokenNotRemoved";

  // Events about the steps of a clone (Normal, except StepFailed).
  public static final String STEP_STARTED = "StepStarted";
  public static final String STEP_COMPLETED = "StepCompleted";
  public static final String STEP_FAILED = "StepFailed";
  public static final String STEP_UNDONE = "StepUndone";
  public static final String CLONE_SUCCEEDED = "CloneSucceeded";

  private Reasons() {}
}
