package io.vmclone.sandbox.front;

/**
 * A request as the front received it, with the body read. Records are immutable: a hook that
 * changes a request returns a new one ({@link #withBody}).
 *
 * @param path the raw (still encoded) path
 * @param accept the Accept header, empty if absent
 * @param contentType the Content-Type header, empty if absent
 * @param user who sent it, as the front authenticated them
 */
public record FrontRequest(
    String method,
    String path,
    Query query,
    String accept,
    String contentType,
    byte[] body,
    UserInfo user) {

  public FrontRequest withBody(String contentType, byte[] body) {
    return new FrontRequest(method, path, query, accept, contentType, body, user);
  }

  public FrontRequest withQuery(Query query) {
    return new FrontRequest(method, path, query, accept, contentType, body, user);
  }

  /** The same request as another method with another body (a patch served as an update). */
  FrontRequest as(String method, String contentType, byte[] body) {
    return new FrontRequest(method, path, query, accept, contentType, body, user);
  }

  /** True when the client asks for server-side printing ({@code as=Table}). */
  boolean wantsTable() {
    return accept.contains("as=Table");
  }

  boolean isWrite() {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }
}
