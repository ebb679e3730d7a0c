package io.vmclone.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reads objects of the mock API server in process, through its CRUD dispatcher, without HTTP. A
 * {@link MockApi} must read this way: it runs on the mock's only event loop, and an HTTP call to
 * the mock from there would wait for itself.
 */
public final class MockStore {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Dispatcher store;

  MockStore(Dispatcher store) {
    this.store = store;
  }

  /** The object at this API path (e.g. {@code /api/v1/namespaces/default/secrets/x}), if any. */
  public Optional<JsonNode> get(String path) {
    MockResponse response =
        store.dispatch(
            new RecordedRequest(
                "HTTP/1.1", HttpMethod.GET, path, Headers.builder().build(), new Buffer()));
    if (response.code() != 200 || response.getBody() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.readTree(response.getBody().getBytes()));
    } catch (IOException unreadable) {
      throw new UncheckedIOException("the mock answered " + path + " with no JSON", unreadable);
    }
  }
}
