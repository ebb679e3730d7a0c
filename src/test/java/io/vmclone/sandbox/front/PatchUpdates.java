package io.vmclone.sandbox.front;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * Serves a JSON merge patch or a JSON patch of one object as read, patch, full update. A merge
 * patch is what {@code kubectl apply} and {@code kubectl patch --type=merge} send for custom
 * resources, and the mock gets it wrong ({@link MergePatch}); both kinds go this way so that
 * admission sees the resulting object as an UPDATE, as on a real API server. The update carries the
 * resourceVersion it read, so a concurrent write makes it fail with 409; it is then tried again on
 * the new state, unless the patch itself named a resourceVersion.
 */
final class PatchUpdates {

  private static final int ATTEMPTS = 5;
  private static final String MERGE = "application/merge-patch+json";
  private static final String JSON_PATCH = "application/json-patch+json";

  /** Sends the resulting update on (admission, then the mock). */
  @FunctionalInterface
  interface Writer {
    FrontResponse write(FrontRequest update) throws IOException;
  }

  private final MockProxy proxy;
  private final ObjectMapper mapper;

  PatchUpdates(MockProxy proxy, ObjectMapper mapper) {
    this.proxy = proxy;
    this.mapper = mapper;
  }

  static boolean isObjectPatch(FrontRequest request, ResourcePath path) {
    return request.method().equals("PATCH")
        && !path.isCollection()
        && (request.contentType().startsWith(MERGE)
            || request.contentType().startsWith(JSON_PATCH));
  }

  FrontResponse send(FrontRequest patch, Writer writer) throws IOException {
    JsonNode changes = mapper.readTree(patch.body());
    boolean merge = patch.contentType().startsWith(MERGE);
    boolean pinned = merge && changes.path("metadata").has("resourceVersion");
    FrontRequest read =
        new FrontRequest(
            "GET",
            patch.path(),
            new Query(List.of()),
            FrontResponse.JSON,
            "",
            new byte[0],
            patch.user());
    for (int attempt = 1; ; attempt++) {
      FrontResponse current = proxy.forward(read);
      if (!current.isSuccess()) {
        return current;
      }
      JsonNode updated;
      try {
        JsonNode object = mapper.readTree(current.body());
        updated = merge ? MergePatch.apply(object, changes) : JsonPatch.apply(object, changes);
      } catch (IllegalArgumentException doesNotApply) {
        return Statuses.failure(422, "Invalid", doesNotApply.getMessage());
      }
      FrontResponse response =
          writer.write(patch.as("PUT", FrontResponse.JSON, mapper.writeValueAsBytes(updated)));
      if (response.status() != 409 || pinned || attempt == ATTEMPTS) {
        return response;
      }
    }
  }
}
