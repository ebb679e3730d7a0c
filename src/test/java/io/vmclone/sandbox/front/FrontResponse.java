package io.vmclone.sandbox.front;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/** A complete (non-streaming) answer of the front. */
record FrontResponse(int status, String contentType, byte[] body) {

  static final String JSON = "application/json";

  static FrontResponse json(int status, JsonNode body) {
    return new FrontResponse(status, JSON, body.toString().getBytes(StandardCharsets.UTF_8));
  }

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  boolean hasBody() {
    return body.length > 0;
  }
}
