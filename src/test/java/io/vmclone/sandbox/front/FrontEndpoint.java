package io.vmclone.sandbox.front;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * A request the front answers itself, for the user who sent it, instead of forwarding it to the
 * mock: the self reviews ({@code kubectl auth whoami}, {@code kubectl auth can-i}).
 */
public interface FrontEndpoint {

  /** A JSON answer and its status code. */
  record Reply(int status, JsonNode body) {}

  /** Whether this endpoint answers a request with this method and path (no query string). */
  boolean answers(String method, String path);

  Reply answer(FrontRequest request) throws IOException;
}
