package io.vmclone.operator.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmclone.operator.journal.TaskRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
    Map<String, List<String>> extra = new TreeMap<>();
    node.path("extra")
        .fields()
        .forEachRemaining(
            field -> {
              List<String> values = new ArrayList<>();
              field.getValue().forEach(value -> values.add(value.asText()));
              extra.put(field.getKey(), values);
            });
    return Optional.of(
        new RequesterIdentity(
            node.path("username").asText(), node.path("uid").asText(""), groups, extra));
  }
}
