package io.vmclone.operator.workflow.action;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What {@link CreateTargetAction} records in its DONE entry.
 *
 * @param targetNamespace the new VM's namespace
 * @param targetName the new VM's name
 * @param targetUid its UID: PowerOn and its undo act only on the VM with this UID
 * @param adopted true when an interrupted attempt had created it and this one adopted it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TargetData(
    String targetNamespace, String targetName, String targetUid, boolean adopted) {

  JsonNode toJson(ObjectMapper mapper) {
    return mapper.valueToTree(this);
  }

  static TargetData fromJson(ObjectMapper mapper, JsonNode node) {
    return mapper.convertValue(node, TargetData.class);
  }
}
