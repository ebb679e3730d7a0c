package io.vmclone.controlplane;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * A person the API server knows by a static bearer token (a line of {@code --token-auth-file}).
 * Tokens are random at every start of a control plane: they are for this machine only.
 */
public record User(String name, String uid, List<String> groups, String token) {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The cluster administrator: group {@code system:masters}, every right. */
  public static final String ADMIN = "admin";

  public User {
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("not a plain user name: " + name);
    }
    groups = List.copyOf(groups);
  }

  /** A user with a new random token and uid. */
  public static User of(String name, String... groups) {
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    return new User(
        name, UUID.randomUUID().toString(), List.of(groups), HexFormat.of().formatHex(secret));
  }

  /** The admin, alice (group developers) and bob (group testers). */
  public static List<User> defaults() {
    return List.of(of(ADMIN, "system:masters"), of("alice", "developers"), of("bob", "testers"));
  }

  /** Never the token: a user may end up in a log line or an assertion message. */
  @Override
  public String toString() {
    return "User[" + name + ", groups=" + groups + "]";
  }

  /** Its line in a token file: {@code token,user,uid,"group1,group2"}. */
  String tokenFileLine() {
    return token + "," + name + "," + uid + ",\"" + String.join(",", groups) + "\"";
  }
}
