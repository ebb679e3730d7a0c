package io.vmclone.operator.workflow.action;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.api.RunStrategy;

/**
 * What {@link PowerOnAction} records in its DONE entry.
 *
 * @param runStrategy the run strategy it set on the new VM
 * @param started whether it waited for the VM to run
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PowerOnData(RunStrategy runStrategy, boolean started) {

  JsonNode toJson(ObjectMapper mapper) {
    return mapper.valueToTree(this);
  }
}
