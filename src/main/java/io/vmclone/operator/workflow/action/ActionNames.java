package io.vmclone.operator.workflow.action;

import java.util.List;

/**
 * The journal names of the workflow's actions, in workflow order. The entries no action writes
 * (Commit, Abort, Reject, Cancel, Workflow) are named in {@link
 * io.vmclone.operator.journal.PseudoActions}.
 */
public final class ActionNames {
  public static final String REDOABLE = "Redoable";
  public static final String AUTHORIZE = "Authorize";
  public static final String PRESERVE_SESSION = "PreserveSession";
  public static final String FLAG_ENTITIES = "FlagEntities";
  public static final String SNAPSHOT_SOURCE = "SnapshotSource";
  public static final String COPY_DISKS = "CopyDisks";
  public static final String CREATE_TARGET = "CreateTarget";
  public static final String POWER_ON = "PowerOn";
  public static final String RELEASE = "Release";

  /**
   * Not an action: the journal entry that records a successful check of the requester's rights
   * between Authorize and a later side effect (its time is when the rights last stood).
   */
  public static final String RIGHTS_CHECKED = "RightsChecked";

  /** All of them, in workflow order (the engine's Commit aside). */
  public static final List<String> IN_ORDER =
      List.of(
          REDOABLE,
          AUTHORIZE,
          PRESERVE_SESSION,
          FLAG_ENTITIES,
          SNAPSHOT_SOURCE,
          COPY_DISKS,
          CREATE_TARGET,
          POWER_ON,
          RELEASE);

  private ActionNames() {}
}
