package io.vmclone.sandbox.front;

import java.util.Optional;

/**
 * Turns the bearer token of a request into the user who sent it, as an API server's token
 * authenticators do. The front answers 401 when this finds nobody.
 */
@FunctionalInterface
public interface Authenticator {

  /** The user this token belongs to; empty for an unknown, expired or revoked token. */
  Optional<UserInfo> authenticate(String bearerToken);
}
