package io.vmclone.sandbox.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens TokenRequest hands out: random and opaque (the sandbox signs nothing), remembered with
 * their ServiceAccount, audiences, expiry and bound object. Lifetimes follow the API server's
 * rules: at least ten minutes, an hour when the request names none, at most {@link #MAX_LIFETIME}.
 * Tokens live in memory only and are never logged; expired ones are forgotten.
 */
public final class ServiceAccountTokens {

  static final Duration MIN_LIFETIME = Duration.ofMinutes(10);
  static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
  static final Duration MAX_LIFETIME = Duration.ofHours(24);
  static final String DEFAULT_AUDIENCE = "https://kubernetes.default.svc.cluster.local";

  /**
   * What a token stands for.
   *
   * @param serviceAccountUid the uid of the ServiceAccount object it was issued for: a re-created
   *     account does not inherit the tokens of the old one
   * @param bound the object the token dies with; empty for a token bound to nothing
   */
  public record Issued(
      String namespace,
      String serviceAccount,
      String serviceAccountUid,
      List<String> audiences,
      Instant expires,
      Optional<BoundObject> bound) {}

  /** A token handed out, and when it expires. */
  public record Grant(String token, Instant expires) {}

  /** The object a token is bound to (a Secret or a Pod in the ServiceAccount's namespace). */
  public record BoundObject(String kind, String name, String uid) {}

  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  public ServiceAccountTokens(Clock clock) {
    this.clock = clock;
  }

  /**
   * The lifetime a request for this many seconds gets (null: the default).
   *
   * @throws IllegalArgumentException below ten minutes, as a real API server refuses it
   */
  static Duration lifetime(Long expirationSeconds) {
    if (expirationSeconds == null) {
      return DEFAULT_LIFETIME;
    }
    Duration asked = Duration.ofSeconds(expirationSeconds);
    if (asked.compareTo(MIN_LIFETIME) < 0) {
      throw new IllegalArgumentException(
          "spec.expirationSeconds: Invalid value: "
              + expirationSeconds
              + ": may not specify a duration less than 10 minutes");
    }
    return asked.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : asked;
  }

  /** A new token; the caller has checked that the ServiceAccount and the bound object exist. */
  public Grant issue(
      String namespace,
      String serviceAccount,
      String serviceAccountUid,
      List<String> audiences,
      Duration lifetime,
      Optional<BoundObject> bound) {
    forgetExpired();
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = "sandbox-sa." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    List<String> forWhom =
        audiences == null || audiences.isEmpty()
            ? List.of(DEFAULT_AUDIENCE)
            : List.copyOf(audiences);
    Instant expires = clock.instant().plus(lifetime);
    tokens.put(
        token, new Issued(namespace, serviceAccount, serviceAccountUid, forWhom, expires, bound));
    return new Grant(token, expires);
  }

  /** What the token was issued for, if it was issued here and has not expired. */
  public Optional<Issued> find(String token) {
    Issued issued = tokens.get(token);
    if (issued == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(issued.expires())) {
      tokens.remove(token);
      return Optional.empty();
    }
    return Optional.of(issued);
  }

  private void forgetExpired() {
    Instant now = clock.instant();
    tokens.values().removeIf(issued -> !now.isBefore(issued.expires()));
  }
}
