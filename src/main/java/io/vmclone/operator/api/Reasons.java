package io.vmclone.operator.api;

/**
 * Every reason the operator gives a user: on a clone's conditions, on its events, in the failure it
 * reports. A user contract: UpperCamel constants whose values never change, each documented in
 * docs/troubleshooting.md (a test keeps it so). Besides these, the reason of {@code
 * Progressing=True} is the name of the running step.
 */
public final class Reasons {

  // The clone failed (Ready=False, phase Failed); the engine undid what it did.
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String SOURCE_NOT_CLONEABLE = "SourceNotCloneable";
  public static final String SOURCE_NOT_FOUND = "SourceNotFound";
  public static final String TARGET_EXISTS = "TargetExists";
  public static final String TARGET_NAME_IN_USE = "TargetNameInUse";
  public static final String TARGET_DELETED = "TargetDeleted";

  /** An object of a name the clone needs exists and is not provably the clone's. */
  public static final String NAME_CONFLICT = "NameConflict";

  /** The target VM under the recorded name has another UID than the one CreateTarget made. */
  public static final String TARGET_NOT_OURS = "TargetNotOurs";

  public static final String TASK_PRUNED = "TaskPruned";
  public static final String SNAPSHOT_FAILED = "SnapshotFailed";
  public static final String COPY_FAILED = "CopyFailed";

  /** An admission webhook of the cluster refused a write (422 with a webhook's words). */
  public static final String ADMISSION_DENIED = "AdmissionDenied";

  /** The API server refused an object as invalid for its schema (422 without a webhook). */
  public static final String INVALID = "Invalid";

  public static final String DEADLINE_EXCEEDED = "DeadlineExceeded";
  public static final String FORBIDDEN = "Forbidden";
  public static final String TOO_MANY_CLONES = "TooManyClones";
  public static final String REQUESTER_UNVERIFIED = "RequesterUnverified";
  public static final String REQUESTER_UNKNOWN = "RequesterUnknown";
  public static final String REQUESTER_OUT_OF_SCOPE = "RequesterOutOfScope";

  /** A person's clone across namespaces needs impersonation to create its disk copies as them. */
  public static final String IMPERSONATION_REQUIRED = "ImpersonationRequired";

  public static final String IDENTITY_REVOKED = "IdentityRevoked";
  public static final String INTERRUPTED = "Interrupted";
  public static final String MAX_RESTARTS_EXCEEDED = "MaxRestartsExceeded";
  public static final String DELETED = "CloneDeleted";

  /** A failure whose journal entry records no reason (every entry this version writes does). */
  public static final String FAILED = "Failed";

  // The clone waits (Blocked=True).
  public static final String ENTITY_IN_RECOVERY = "EntityInRecovery";
  public static final String SOURCE_LOCKED = "SourceLocked";

  // Set only by the status projection, for a clone that is fine.
  public static final String SUCCEEDED = "Succeeded";
  public static final String NOT_READY = "NotReady";

  /** Progressing=True of a clone whose first step has not run yet (later: the step's name). */
  public static final String QUEUED = "Queued";

  public static final String PENDING = "Pending";
  public static final String NOT_BLOCKED = "NotBlocked";
  public static final String NOT_RECOVERING = "NotRecovering";

  /** Ready=False of a clone being recovered (Recovering=True has reason Interrupted). */
  public static final String RECOVERING = "Recovering";

  // The step could not run (Progressing=False) and is retried; nothing was lost.
  public static final String DATABASE_UNAVAILABLE = "DatabaseUnavailable";
  public static final String API_SERVER_ERROR = "ApiServerError";
  public static final String CREATION_KEY_UNAVAILABLE = "CreationKeyUnavailable";
  public static final String RECONCILE_ERROR = "ReconcileError";

  // Events that are not conditions (Normal, except StepFailed, UndoFailed, TokenNotRemoved and
  // SpecChangeIgnored).
  public static final String STEP_COMPLETED = "StepCompleted";
  public static final String STEP_FAILED = "StepFailed";
  public static final String STEP_UNDONE = "StepUndone";
  public static final String UNDO_FAILED = "UndoFailed";
  public static final String CLONE_SUCCEEDED = "CloneSucceeded";
  public static final String RESTARTED = "Restarted";
  public static final String SPEC_CHANGE_IGNORED = "SpecChangeIgnored";

  /** A preserved token's Secret could not be deleted; it is tried again until it is gone. */
  public static final String TOKEN_NOT_REMOVED = "TokenNotRemoved";

  private Reasons() {}
}
