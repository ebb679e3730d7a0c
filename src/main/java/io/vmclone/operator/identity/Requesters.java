package io.vmclone.operator.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.journal.TaskRecord;
import java.util.Optional;

/**
 * The requester a task was opened for, from the userInfo recorded in its row: the JSON of the
 * {@link RequesterIdentity} that {@code TaskOpener} stored (rows written before extras were kept
 * have none).
 */
public final class Requesters {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Requesters() {}

  public static Optional<RequesterIdentity> of(TaskRecord task) {
    JsonNode node = task.requester();
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    try {
      RequesterIdentity requester = MAPPER.treeToValue(node, RequesterIdentity.class);
      return requester.username() == null || requester.username().isEmpty()
          ? Optional.empty()
          : Optional.of(requester);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("task " + task.id() + " records no readable requester", e);
    }
  }
}
