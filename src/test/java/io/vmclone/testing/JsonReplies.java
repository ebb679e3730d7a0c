package io.vmclone.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.utils.ResponseProvider;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * A mock-server reply computed from the request's JSON body. The mock asks a {@link
 * ResponseProvider} for the status code and the body separately, and a request's body can be read
 * only once, so each request's answer is computed once and kept.
 */
public final class JsonReplies implements ResponseProvider<Object> {

  /** An answer: HTTP status code and JSON body. */
  public record Reply(int code, JsonNode body) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Function<JsonNode, Reply> answer;
  private final Map<RecordedRequest, Reply> replies =
      Collections.synchronizedMap(new WeakHashMap<>());
  private Headers headers = Headers.builder().build();

  public JsonReplies(Function<JsonNode, Reply> answer) {
    this.answer = answer;
  }

  @Override
  public int getStatusCode(RecordedRequest request) {
    return reply(request).code();
  }

  @Override
  public Object getBody(RecordedRequest request) {
    return reply(request).body();
  }

  @Override
  public Headers getHeaders() {
    return headers;
  }

  @Override
  public void setHeaders(Headers headers) {
    this.headers = headers;
  }

  private Reply reply(RecordedRequest request) {
    return replies.computeIfAbsent(request, r -> answer.apply(read(r)));
  }

  private static JsonNode read(RecordedRequest request) {
    try {
      return MAPPER.readTree(request.getUtf8Body());
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + request.getPath(), e);
    }
  }
}
