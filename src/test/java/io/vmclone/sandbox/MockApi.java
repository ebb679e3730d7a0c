package io.vmclone.sandbox;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * An API the sandbox's mock API server answers itself, before its CRUD store sees the request: the
 * review and token APIs a real API server computes instead of storing. Answers run on the mock's
 * event loop, so they must not call the mock over HTTP; read its objects with {@link MockStore}.
 */
public interface MockApi {

  /** Whether this API answers a request with this method and path (no query string). */
  boolean answers(String method, String path);

  MockResponse answer(RecordedRequest request);
}
