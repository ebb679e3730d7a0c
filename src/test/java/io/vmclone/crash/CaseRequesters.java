package io.vmclone.crash;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vmclone.controlplane.ControlPlane;
import io.vmclone.crash.Workload.Requester;
import java.time.Duration;

/**
 * Who asks for a case's clones, as real identities of the control plane: alice (a person with a
 * static token) and the ServiceAccount {@value #CI_BOT} of the case's namespace (a TokenRequest
 * token, as a pipeline's pod would have). Both hold the ClusterRole {@value #ROLE} of {@code
 * examples/rbac/clone-requester.yaml} in the namespace, and nothing else.
 */
final class CaseRequesters implements AutoCloseable {

  static final String CI_BOT = "ci-bot";
  static final String ROLE = "vmclone-requester";

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
    admin
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName(CI_BOT).endMetadata().build())
        .create();
    admin
        .rbac()
        .roleBindings()
        .inNamespace(namespace)
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName(ROLE)
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole")
                .withName(ROLE)
                .endRoleRef()
                .withSubjects(
                    new SubjectBuilder()
                        .withKind("User")
                        .withApiGroup("rbac.authorization.k8s.io")
                        .withName("alice")
                        .build(),
                    new SubjectBuilder()
                        .withKind("ServiceAccount")
                        .withName(CI_BOT)
                        .withNamespace(namespace)
                        .build())
                .build())
        .create();
    String botToken = plane.serviceAccountToken(namespace, CI_BOT, TOKEN_LIFETIME);
    return new CaseRequesters(
        client(plane, plane.user("alice").token(), namespace), client(plane, botToken, namespace));
  }

  KubernetesClient clientOf(Requester requester) {
    return requester == Requester.ALICE ? alice : ciBot;
  }

  @Override
  public void close() {
    alice.close();
    ciBot.close();
  }

  private static KubernetesClient client(ControlPlane plane, String token, String namespace) {
    return new KubernetesClientBuilder().withConfig(plane.config(token, namespace)).build();
  }
}
