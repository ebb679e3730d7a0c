package io.vmclone.sandbox.front;

import java.util.List;

/**
 * Identity in the front, as on a cluster: every request needs a bearer token the authenticator
 * knows (else 401), over HTTPS with this certificate (kubectl sends no token over plain HTTP), and
 * the endpoints answer the self reviews for the authenticated user.
 */
public record FrontIdentity(
    Authenticator authenticator, SelfSignedTls tls, List<FrontEndpoint> endpoints) {

  public FrontIdentity {
    endpoints = List.copyOf(endpoints);
  }
}
