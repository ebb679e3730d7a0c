package io.vmclone.operator.workflow.action;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What {@link FlagEntitiesAction} records in its DONE entry.
 *
 * @param sourceUid the UID of the source VM or snapshot, shown in the clone's status
 * @param finalizer the finalizer it put on the source
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SourceFlags(String sourceUid, String finalizer) {

  JsonNode toJson(ObjectMapper mapper) {
    return mapper.valueToTree(this);
  }

  static SourceFlags fromJson(ObjectMapper mapper, JsonNode node) {
    return mapper.convertValue(node, SourceFlags.class);
  }
}
