package io.vmclone.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;

/**
 * Conditions as KubeVirt and CDI write them: one per type, with the transition time kept while the
 * status does not change (CDI additionally refreshes a heartbeat when reason or message change).
 */
final class Conditions {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Conditions() {}

  /** Now, as Kubernetes writes times: RFC 3339 in UTC, whole seconds. */
  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** A KubeVirt condition (VirtualMachine, VirtualMachineSnapshot): the text goes to reason. */
  static ObjectNode kubevirt(String type, boolean status, String reason, String message) {
    ObjectNode condition = JSON.objectNode().put("type", type).put("status", bool(status));
    condition.putNull("lastProbeTime");
    if (reason != null) {
      condition.put("reason", reason);
    }
    if (message != null) {
      condition.put("message", message);
    }
    return condition;
  }

  /** A CDI DataVolume condition. */
  static ObjectNode cdi(String type, boolean status, String reason, String message) {
    return JSON.objectNode()
        .put("type", type)
        .put("status", bool(status))
        .put("reason", reason == null ? "" : reason)
        .put("message", message == null ? "" : message);
  }

  /**
   * Puts the conditions into {@code status.conditions}, replacing those of the same type and
   * keeping their transition (and heartbeat) times when nothing about them changed.
   */
  static void put(ObjectNode status, ObjectNode... conditions) {
    ArrayNode merged = JSON.arrayNode();
    Set<String> placed = new HashSet<>();
    for (JsonNode existing : status.path("conditions")) {
      ObjectNode update = find(conditions, existing.path("type").asText());
      if (update == null) {
        merged.add(existing);
      } else {
        merged.add(withTimes(update, existing));
        placed.add(update.path("type").asText());
      }
    }
    for (ObjectNode condition : conditions) {
      if (!placed.contains(condition.path("type").asText())) {
        merged.add(withTimes(condition, null));
      }
    }
    status.set("conditions", merged);
  }

  private static ObjectNode withTimes(ObjectNode condition, JsonNode previous) {
    boolean cdi = !condition.has("lastProbeTime");
    String now = now();
    boolean sameStatus =
        previous != null && previous.path("status").equals(condition.path("status"));
    condition.put(
        "lastTransitionTime", sameStatus ? previous.path("lastTransitionTime").asText(now) : now);
    if (cdi) {
      boolean sameText =
          sameStatus
              && previous.path("reason").equals(condition.path("reason"))
              && previous.path("message").equals(condition.path("message"));
      condition.put(
          "lastHeartbeatTime", sameText ? previous.path("lastHeartbeatTime").asText(now) : now);
    }
    return condition;
  }

  private static ObjectNode find(ObjectNode[] conditions, String type) {
    for (ObjectNode condition : conditions) {
      if (type.equals(condition.path("type").asText())) {
        return condition;
      }
    }
    return null;
  }

  private static String bool(boolean status) {
    return status ? "True" : "False";
  }
}
