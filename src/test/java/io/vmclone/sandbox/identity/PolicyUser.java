package io.vmclone.sandbox.identity;

import io.vmclone.sandbox.front.UserInfo;
import java.util.List;

/**
 * A person of the sandbox policy, authenticated by a static bearer token (like a real API server's
 * {@code --token-auth-file}).
 *
 * @param uid optional; empty when the policy gives none
 * @param context the kubeconfig context written for this user; empty for none
 */
public record PolicyUser(
    String name, String uid, List<String> groups, String token, String context) {

  public PolicyUser {
    uid = uid == null ? "" : uid;
    groups = groups == null ? List.of() : List.copyOf(groups);
    context = context == null ? "" : context;
  }

  /** As the authenticator reports the user: the policy's groups plus system:authenticated. */
  public UserInfo userInfo() {
    List<String> all = new java.util.ArrayList<>(groups);
    if (!all.contains(Policy.AUTHENTICATED)) {
      all.add(Policy.AUTHENTICATED);
    }
    return new UserInfo(name, uid, all);
  }
}
