package io.vmclone.sandbox.identity;

import io.vmclone.sandbox.front.UserInfo;
import java.util.List;

/**
 * A ServiceAccount of the sandbox policy. The sandbox creates it in the API server; its kubeconfig
 * token stands for the long-lived token a real cluster would mint, and TokenRequest issues it
 * short-lived bound tokens.
 *
 * @param token the bearer token of its kubeconfig context
 * @param context the kubeconfig context written for it; empty for none
 */
public record PolicyServiceAccount(String namespace, String name, String token, String context) {

  static final String USERNAME_PREFIX = "system:serviceaccount:";

  public PolicyServiceAccount {
    context = context == null ? "" : context;
  }

  /** {@code system:serviceaccount:NAMESPACE:NAME}. */
  public String username() {
    return USERNAME_PREFIX + namespace + ":" + name;
  }

  /** {@code NAMESPACE/NAME}, as the policy's rules name it. */
  public String reference() {
    return namespace + "/" + name;
  }

  /** As Kubernetes authenticates a ServiceAccount; the uid is the ServiceAccount object's. */
  public UserInfo userInfo(String uid) {
    return new UserInfo(
        username(),
        uid,
        List.of(
            "system:serviceaccounts", "system:serviceaccounts:" + namespace, Policy.AUTHENTICATED));
  }
}
