package io.vmclone.crash;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.controlplane.ControlPlane;
import io.vmclone.crash.Workload.Requester;
import io.vmclone.testing.OperatorInstall;
import io.vmclone.testing.Requesters;
import java.time.Duration;
import java.util.List;

/**
 * Who asks for a case's clones, as real identities of the control plane: alice (a person with a
 * static token) and the ServiceAccount {@value Requesters#CI_BOT} of the case's namespace (a
 * TokenRequest token, as a pipeline's pod would have). Both hold the requester ClusterRole of
 * {@code examples/rbac/clone-requester.yaml} in the namespace, and nothing else ({@link
 * Requesters#bind}).
 */
final class CaseRequesters implements AutoCloseable {

  private static final String ALICE = "alice";

  /** Long enough for the longest part of the benchmark. */
  private static final Duration TOKEN_LIFETIME = Duration.ofHours(2);

  private final KubernetesClient alice;
  private final KubernetesClient ciBot;

  private CaseRequesters(KubernetesClient alice, KubernetesClient ciBot) {
    this.alice = alice;
    this.ciBot = ciBot;
  }

  /** Creates ci-bot, binds the requester role to alice and ci-bot, and opens their clients. */
  static CaseRequesters grant(ControlPlane plane, KubernetesClient admin, String namespace) {
    Requesters.bind(admin, namespace, List.of(ALICE, Requesters.CI_BOT));
    OperatorInstall.grantTokenRequests(admin, namespace);
    return new CaseRequesters(
        Requesters.clientAs(plane, ALICE, namespace, TOKEN_LIFETIME),
        Requesters.clientAs(plane, Requesters.CI_BOT, namespace, TOKEN_LIFETIME));
  }

  KubernetesClient clientOf(Requester requester) {
    return requester == Requester.ALICE ? alice : ciBot;
  }

  @Override
  public void close() {
    alice.close();
    ciBot.close();
  }
}
