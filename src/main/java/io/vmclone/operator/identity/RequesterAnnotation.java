package io.vmclone.operator.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The annotation {@value #KEY} on a VirtualMachineClone: the requester's userInfo as JSON ({@code
 * {"username":..,"uid":..,"groups":[..]}}). Only the mutating admission webhook writes it, on
 * CREATE; a value a client supplies is rejected, and the annotation cannot change afterwards.
 */
public final class RequesterAnnotation {

  public static final String KEY = "vmclone.io/requester";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RequesterAnnotation() {}

  public static String format(RequesterIdentity requester) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("username", requester.username());
    node.put("uid", requester.uid());
    ArrayNode groups = node.putArray("groups");
    requester.groups().forEach(groups::add);
    return node.toString();
  }

  /** The requester the annotations name, or empty if there is none or it does not parse. */
  public static Optional<RequesterIdentity> read(Map<String, String> annotations) {
    String value = annotations == null ? null : annotations.get(KEY);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode node = MAPPER.readTree(value);
      String username = node.path("username").asText("");
      if (username.isEmpty()) {
        return Optional.empty();
      }
      List<String> groups = new ArrayList<>();
      node.path("groups").forEach(group -> groups.add(group.asText()));
      return Optional.of(new RequesterIdentity(username, node.path("uid").asText(""), groups));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
