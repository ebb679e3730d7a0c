package io.vmclone.sandbox.front;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * Serves a JSON merge patch of one object (what {@code kubectl apply} and {@code kubectl patch
 * --type=merge} send for custom resources) as read, {@link MergePatch}, full update. The update
 * carries the resourceVersion it read, so a concurrent write makes it fail with 409; it is then
 * tried again on the new state, unless the patch itself named a resourceVersion.
 */
final class MergePatchUpdates {

  private static final int ATTEMPTS = 5;

  /** Sends the resulting update on (admission, then the mock). */
  @FunctionalInterface
  interface Writer {
    FrontResponse write(FrontRequest update) throws IOException;
  }

  private final MockProxy proxy;
  private final ObjectMapper mapper;

  MergePatchUpdates(MockProxy proxy, ObjectMapper mapper) {
    this.proxy = proxy;
    this.mapper = mapper;
  }

  static boolean isMergePatch(FrontRequest request, ResourcePath path) {
    return request.method().equals("PATCH")
        && !path.isCollection()
        && request.contentType().startsWith("application/merge-patch+json");
  }

  FrontResponse send(FrontRequest patch, Writer writer) throws IOException {
    JsonNode changes = mapper.readTree(patch.body());
    boolean pinned = changes.path("metadata").has("resourceVersion");
    FrontRequest read =
        new FrontRequest(
            "GET", patch.path(), new Query(List.of()), FrontResponse.JSON, "", new byte[0]);
    for (int attempt = 1; ; attempt++) {
      FrontResponse current = proxy.forward(read);
      if (!current.isSuccess()) {
        return current;
      }
      JsonNode updated = MergePatch.apply(mapper.readTree(current.body()), changes);
      FrontResponse response =
          writer.write(
              new FrontRequest(
                  "PUT",
                  patch.path(),
                  patch.query(),
                  patch.accept(),
                  FrontResponse.JSON,
                  mapper.writeValueAsBytes(updated)));
      if (response.status() != 409 || pinned || attempt == ATTEMPTS) {
        return response;
      }
    }
  }
}
