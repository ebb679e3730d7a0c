package io.vmclone.operator.workflow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.api.Reasons;

/**
 * What a FAILED entry records: the condition reason the clone fails with, so that an undo resumed
 * after a restart ends the task with the same reason.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record FailureData(String reason) {

  JsonNode toJson(ObjectMapper mapper) {
    return mapper.valueToTree(this);
  }

  /** The reason in a FAILED entry's data; {@code Failed} if it names none. */
  static String reasonIn(ObjectMapper mapper, JsonNode data) {
    String reason = data == null ? null : mapper.convertValue(data, FailureData.class).reason();
    return reason == null ? Reasons.FAILED : reason;
  }
}
