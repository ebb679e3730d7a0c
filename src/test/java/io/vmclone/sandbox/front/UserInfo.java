package io.vmclone.sandbox.front;

import java.util.List;

/**
 * Who made a request, as the API server's authenticator established it: what admission webhooks
 * receive as {@code userInfo} and TokenReview answers as {@code status.user}. Never a credential.
 *
 * @param uid empty when the authenticator knows none
 */
public record UserInfo(String username, String uid, List<String> groups) {

  /** A request without credentials on a server that lets them in (the front without a policy). */
  public static final UserInfo ANONYMOUS =
      new UserInfo("system:anonymous", "", List.of("system:unauthenticated"));

  public UserInfo {
    uid = uid == null ? "" : uid;
    groups = groups == null ? List.of() : List.copyOf(groups);
  }
}
