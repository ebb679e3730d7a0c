package io.vmclone.operator.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What the journal needs to open a task for a clone.
 *
 * @param requestedSpec the clone's spec as it was when the task opened; the task always runs this
 * @param requester who asked for the clone (userInfo, never a credential); null if unknown
 */
public record NewTask(
    String cloneNamespace,
    String cloneName,
    String cloneUid,
    Instant queuedAt,
    Instant deadline,
    int maxRestarts,
    JsonNode requestedSpec,
    JsonNode requester) {

  /** A task whose requester is not known. */
  public NewTask(
      String cloneNamespace,
      String cloneName,
      String cloneUid,
      Instant queuedAt,
      Instant deadline,
      int maxRestarts,
      JsonNode requestedSpec) {
    this(cloneNamespace, cloneName, cloneUid, queuedAt, deadline, maxRestarts, requestedSpec, null);
  }
}
