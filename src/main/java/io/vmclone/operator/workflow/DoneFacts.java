package io.vmclone.operator.workflow;

import java.util.List;

/**
 * What the actions recorded when they were DONE and the clone's status shows, each action filling
 * in its own part ({@link Action#describe}). Read through {@link CloneFacts}.
 */
public final class DoneFacts {

  private String sourceUid;
  private String snapshotName;
  private List<String> dataVolumeNames;
  private String actingAs;

  /** The source's UID, once its flags are set. */
  public void sourceUid(String uid) {
    this.sourceUid = uid;
  }

  /** The snapshot the disks are copied from. */
  public void snapshotName(String name) {
    this.snapshotName = name;
  }

  /** The DataVolumes that hold the copies. */
  public void dataVolumeNames(List<String> names) {
    this.dataVolumeNames = List.copyOf(names);
  }

  /** How the operator acts for the requester: Token, Impersonation or Operator. */
  public void actingAs(String how) {
    this.actingAs = how;
  }

  public String sourceUid() {
    return sourceUid;
  }

  public String snapshotName() {
    return snapshotName;
  }

  public List<String> dataVolumeNames() {
    return dataVolumeNames;
  }

  public String actingAs() {
    return actingAs;
  }
}
