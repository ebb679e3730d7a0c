package io.vmclone.sandbox.front;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON patch (RFC 6902) applied to a document: add, remove, replace, move, copy, test, with JSON
 * pointers (RFC 6901). What the front needs to run a patch through admission as the resulting
 * object (the way an API server does), and to apply a mutating webhook's answer.
 */
public final class JsonPatch {

  private JsonPatch() {}

  /**
   * The patched document; the target is not changed.
   *
   * @throws IllegalArgumentException naming the operation that does not apply
   */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isArray()) {
      throw new IllegalArgumentException("a JSON patch is an array of operations");
    }
    JsonNode document = target.deepCopy();
    for (JsonNode operation : patch) {
      document = applyOne(document, operation);
    }
    return document;
  }

  private static JsonNode applyOne(JsonNode document, JsonNode operation) {
    String op = operation.path("op").asText("");
    String path = operation.path("path").asText(null);
    if (path == null) {
      throw new IllegalArgumentException("operation " + operation + " has no path");
    }
    return switch (op) {
      case "add" -> add(document, path, value(operation));
      case "remove" -> remove(document, path);
      case "replace" -> add(remove(document, path), path, value(operation));
      case "move" -> {
        String from = operation.path("from").asText("");
        JsonNode moved = get(document, from);
        yield add(remove(document, from), path, moved);
      }
      case "copy" -> add(document, path, get(document, operation.path("from").asText("")));
      case "test" -> {
        if (!get(document, path).equals(value(operation))) {
          throw new IllegalArgumentException("testing value " + path + " failed");
        }
        yield document;
      }
      default -> throw new IllegalArgumentException("unknown JSON patch operation \"" + op + "\"");
    };
  }

  private static JsonNode value(JsonNode operation) {
    if (!operation.has("value")) {
      throw new IllegalArgumentException("operation " + operation + " has no value");
    }
    return operation.get("value").deepCopy();
  }

  private static JsonNode get(JsonNode document, String path) {
    JsonNode node = document;
    for (String token : tokens(path)) {
      node = node.isArray() ? node.get(index(node, token, false)) : node.get(token);
      if (node == null) {
        throw new IllegalArgumentException("path " + path + " does not exist");
      }
    }
    return node;
  }

  private static JsonNode add(JsonNode document, String path, JsonNode value) {
    List<String> tokens = tokens(path);
    if (tokens.isEmpty()) {
      return value;
    }
    JsonNode parent = get(document, parentOf(path));
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof ObjectNode object) {
      object.set(last, value);
    } else if (parent instanceof ArrayNode array) {
      if (last.equals("-")) {
        array.add(value);
      } else {
        array.insert(index(array, last, true), value);
      }
    } else {
      throw new IllegalArgumentException("the parent of " + path + " is not a container");
    }
    return document;
  }

  private static JsonNode remove(JsonNode document, String path) {
    List<String> tokens = tokens(path);
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("cannot remove the whole document");
    }
    JsonNode parent = get(document, parentOf(path));
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof ObjectNode object && object.has(last)) {
      object.remove(last);
    } else if (parent instanceof ArrayNode array) {
      array.remove(index(array, last, false));
    } else {
      throw new IllegalArgumentException("path " + path + " does not exist");
    }
    return document;
  }

  private static int index(JsonNode array, String token, boolean mayEqualSize) {
    int limit = array.size() + (mayEqualSize ? 1 : 0);
    try {
      int index = Integer.parseInt(token);
      if (index >= 0 && index < limit && (token.equals("0") || !token.startsWith("0"))) {
        return index;
      }
    } catch (NumberFormatException notAnIndex) {
      // reported below
    }
    throw new IllegalArgumentException(
        "\"" + token + "\" is not an index of an array of " + array.size());
  }

  private static String parentOf(String path) {
    return path.substring(0, path.lastIndexOf('/'));
  }

  private static List<String> tokens(String path) {
    if (path.isEmpty()) {
      return List.of();
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("\"" + path + "\" is not a JSON pointer");
    }
    List<String> tokens = new ArrayList<>();
    for (String raw : path.substring(1).split("/", -1)) {
      tokens.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return tokens;
  }
}
