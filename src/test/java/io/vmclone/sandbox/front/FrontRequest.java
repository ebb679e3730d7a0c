package io.vmclone.sandbox.front;

/**
 * A request as the front received it, with the body read. Records are immutable: a hook that
 * changes a request returns a new one ({@link #withBody}).
 *
 * @param path the raw (still encoded) path
 * @param accept the Accept header, empty if absent
 * @param contentType the Content-Type header, empty if absent
 */
public record FrontRequest(
    String method, String path, Query query, String accept, String contentType, byte[] body) {

  public FrontRequest withBody(String contentType, byte[] body) {
    return new FrontRequest(method, path, query, accept, contentType, body);
  }

  public FrontRequest withQuery(Query query) {
    return new FrontRequest(method, path, query, accept, contentType, body);
  }

  /** True when the client asks for server-side printing ({@code as=Table}). */
  boolean wantsTable() {
    return accept.contains("as=Table");
  }

  boolean isWrite() {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }
}
