package io.vmclone.operator.identity;

import io.vmclone.operator.config.OperatorConfig;
import io.vmclone.operator.config.OperatorNamespace;
import io.vmclone.operator.identity.RequesterIdentity.ServiceAccountRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the operator may act with a ServiceAccount's own token: only for ServiceAccounts of the
 * namespaces in which the chart grants it {@code serviceaccounts/token} create ({@code
 * vmclone.identity.service-account-namespaces}), never for kube-system; and where it keeps those
 * tokens: its own namespace, whose Secrets no requester may read.
 */
@ApplicationScoped
public class IdentityScope {

  private final Optional<String> operatorNamespace;
  private final Set<String> serviceAccountNamespaces;

  @Inject
  public IdentityScope(OperatorConfig config) {
    this(
        OperatorNamespace.of(config),
        config.identity().serviceAccountNamespaces().orElse(List.of()));
  }

  public IdentityScope(Optional<String> operatorNamespace, Collection<String> namespaces) {
    this.operatorNamespace = OperatorNamespace.of(operatorNamespace);
    this.serviceAccountNamespaces = new TreeSet<>(namespaces);
    this.serviceAccountNamespaces.remove(OperatorNamespace.KUBE_SYSTEM);
  }

  /** Why the operator will not act with this ServiceAccount's token; empty when it may. */
  public Optional<String> refusal(ServiceAccountRef account) {
    if (operatorNamespace.isEmpty()) {
      return Optional.of(
          "the operator has no namespace of its own to keep the token of "
              + account
              + " in (vmclone.identity.operator-namespace or POD_NAMESPACE; never kube-system)");
    }
    if (serviceAccountNamespaces.contains(account.namespace())) {
      return Optional.empty();
    }
    return Optional.of(
        "the ServiceAccount "
            + account
            + " is not in a namespace whose ServiceAccounts the operator serves ("
            + (serviceAccountNamespaces.isEmpty()
                ? "none are configured"
                : String.join(", ", serviceAccountNamespaces))
            + "; chart value identity.serviceAccountNamespaces)");
  }

  /** The namespace that holds the preserved tokens: the operator's own. */
  public String tokenNamespace() {
    return operatorNamespace.orElseThrow(
        () ->
            new IllegalStateException(
                "the operator's namespace is not known or is kube-system"
                    + " (vmclone.identity.operator-namespace or POD_NAMESPACE)"));
  }
}
