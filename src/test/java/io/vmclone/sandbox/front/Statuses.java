package io.vmclone.sandbox.front;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code v1 Status} bodies for failures. The mock API server answers some errors (404 on a get)
 * with an empty body; kubectl then prints a generic message, so the front fills in the one a real
 * API server would send ({@code virtualmachineclones.vmclone.io "x" not found}).
 */
final class Statuses {

  private Statuses() {}

  static FrontResponse failure(int code, String reason, String message) {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", message);
    status.put("reason", reason);
    status.put("code", code);
    return FrontResponse.json(code, status);
  }

  static FrontResponse notFound(String what) {
    return failure(404, "NotFound", what + " not found");
  }

  /** The Status a real API server sends for an empty-bodied error of the mock on this path. */
  static FrontResponse forEmptyError(int code, ResourcePath path, String qualifiedPlural) {
    String object =
        path.name() == null ? qualifiedPlural : qualifiedPlural + " \"" + path.name() + "\"";
    return switch (code) {
      case 404 -> notFound(object);
      case 409 -> failure(409, "Conflict", "Operation cannot be fulfilled on " + object);
      default -> failure(code, "InternalError", "the server answered " + code + " for " + object);
    };
  }
}
