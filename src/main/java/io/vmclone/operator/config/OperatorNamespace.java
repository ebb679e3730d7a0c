package io.vmclone.operator.config;

import java.util.Optional;

/**
 * The operator's own namespace, where it keeps what only it may read (preserved tokens, the
 * creation master key): {@code vmclone.identity.operator-namespace}, else {@code POD_NAMESPACE}.
 * Never kube-system: what is kept there is readable by everything that reads Secrets there.
 */
public final class OperatorNamespace {

  public static final String KUBE_SYSTEM = "kube-system";

  private OperatorNamespace() {}

  /** The namespace from the settings or the pod, if there is one and it is not kube-system. */
  public static Optional<String> of(OperatorConfig config) {
    return of(
        config
            .identity()
            .operatorNamespace()
            .or(() -> Optional.ofNullable(System.getenv("POD_NAMESPACE"))));
  }

  /** The namespace given, if it is one and not kube-system. */
  public static Optional<String> of(Optional<String> namespace) {
    return namespace.filter(ns -> !ns.isBlank() && !ns.equals(KUBE_SYSTEM));
  }
}
