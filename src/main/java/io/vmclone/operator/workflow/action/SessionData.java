package io.vmclone.operator.workflow.action;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.journal.PreservedSession;

/**
 * What {@link PreserveSessionAction} records in its DONE entry.
 *
 * @param sessionId the preserved session's row
 * @param mode how the operator acts for the requester
 * @param serviceAccount the ServiceAccount ({@code namespace/name}) whose token is kept, else null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionData(String sessionId, PreservedSession.Mode mode, String serviceAccount) {

  JsonNode toJson(ObjectMapper mapper) {
    return mapper.valueToTree(this);
  }

  static SessionData fromJson(ObjectMapper mapper, JsonNode node) {
    return mapper.convertValue(node, SessionData.class);
  }
}
