package io.vmclone.sandbox.identity;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

/** JSON answers of the identity APIs, and {@code v1 Status} failures as a real API server sends. */
final class ApiAnswers {

  private ApiAnswers() {}

  static MockResponse json(int code, Object body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(Serialization.asJson(body));
  }

  static MockResponse failure(int code, String reason, String message) {
    Status status =
        new StatusBuilder()
            .withStatus("Failure")
            .withCode(code)
            .withReason(reason)
            .withMessage(message)
            .withNewMetadata()
            .endMetadata()
            .build();
    return json(code, status);
  }
}
