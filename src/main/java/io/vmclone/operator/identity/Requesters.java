package io.vmclone.operator.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmclone.operator.journal.TaskRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The requester a task was opened for, from the userInfo recorded in its row. */
public final class Requesters {

  private Requesters() {}

  public static Optional<RequesterIdentity> of(TaskRecord task) {
    JsonNode node = task.requester();
    if (node == null || node.path("username").asText("").isEmpty()) {
      return Optional.empty();
    }
    List<String> groups = new ArrayList<>();
    node.path("groups").forEach(group -> groups.add(group.asText()));
    return Optional.of(
        new RequesterIdentity(node.path("username").asText(), node.path("uid").asText(""), groups));
  }
}
