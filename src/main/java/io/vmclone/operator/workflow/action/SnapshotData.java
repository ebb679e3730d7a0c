package io.vmclone.operator.workflow.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.platform.SnapshotState.VolumeBackup;
import java.util.List;

/**
 * What {@link SnapshotSourceAction} records in its DONE entry and later actions read.
 *
 * @param namespace the snapshot's namespace (the source's)
 * @param name the snapshot's name
 * @param temporary true when the clone made it (and deletes it at Release); false for a user's
 *     snapshot given as the source
 * @param volumes the backed-up volumes, one disk copy each
 */
public record SnapshotData(
    String namespace, String name, boolean temporary, List<VolumeBackup> volumes) {

  JsonNode toJson(ObjectMapper mapper) {
    return mapper.valueToTree(this);
  }

  static SnapshotData fromJson(ObjectMapper mapper, JsonNode node) {
    return mapper.convertValue(node, SnapshotData.class);
  }
}
