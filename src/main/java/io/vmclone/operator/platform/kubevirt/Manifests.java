package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/** Small helpers to walk Kubernetes manifests held as Jackson trees. */
final class Manifests {

  private Manifests() {}

  /** The object at a path of fields, or null if something on the way is missing or no object. */
  static ObjectNode object(JsonNode root, String... path) {
    return at(root, path) instanceof ObjectNode object ? object : null;
  }

  /** The array at a path of fields, or null if something on the way is missing or no array. */
  static ArrayNode array(JsonNode root, String... path) {
    return at(root, path) instanceof ArrayNode array ? array : null;
  }

  /** The text at a path of fields, or null. */
  static String text(JsonNode root, String... path) {
    JsonNode node = at(root, path);
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  /** Whether the boolean at a path of fields is true. */
  static boolean isTrue(JsonNode root, String... path) {
    JsonNode node = at(root, path);
    return node != null && node.isBoolean() && node.booleanValue();
  }

  /** The object at a path of fields, created where missing. */
  static ObjectNode ensureObject(ObjectNode root, String... path) {
    ObjectNode node = root;
    for (String field : path) {
      node = node.get(field) instanceof ObjectNode child ? child : node.putObject(field);
    }
    return node;
  }

  /** The field that says what a volume is: its first field other than {@code name}, or null. */
  static String volumeType(JsonNode volume) {
    for (Iterator<String> names = volume.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("name")) {
        return name;
      }
    }
    return null;
  }

  private static JsonNode at(JsonNode root, String... path) {
    JsonNode node = root;
    for (String field : path) {
      node = node == null ? null : node.get(field);
    }
    return node;
  }
}
