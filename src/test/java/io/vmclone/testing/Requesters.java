package io.vmclone.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.vmclone.controlplane.Binaries;
import io.vmclone.controlplane.ControlPlane;
import java.time.Duration;
import java.util.List;

/**
 * The people and automation that ask for clones in tests, as the real control plane knows them:
 * alice (group developers) and bob (group testers) by their static tokens, and a ServiceAccount
 * {@value #CI_BOT} in the test's namespace by a TokenRequest token. Their rights are the
 * ClusterRole of {@code examples/rbac/clone-requester.yaml}, bound in the namespaces a test grants.
 */
public final class Requesters {

  public static final String CI_BOT = "ci-bot";
  public static final String CLUSTER_ROLE = "vmclone-requester";

  private Requesters() {}

  /** The user name the API server gives the ServiceAccount ci-bot of this namespace. */
  public static String ciBotUser(String namespace) {
    return "system:serviceaccount:" + namespace + ":" + CI_BOT;
  }

  /**
   * Installs the requester ClusterRole (once is enough, again is harmless), creates the
   * ServiceAccount ci-bot in the namespace and binds the role there to the given subjects: user
   * names, {@code group:NAME}, {@value #CI_BOT} for the namespace's ServiceAccount, or {@code
   * serviceaccount:NAMESPACE:NAME} for one of another namespace.
   */
  public static void grant(String namespace, List<String> subjects) {
    KubernetesClient admin = TestControlPlane.admin();
    for (HasMetadata role :
        OperatorInstall.load(
            admin, Binaries.repositoryRoot().resolve("examples/rbac/clone-requester.yaml"))) {
      admin.resource(role).createOr(NonDeletingOperation::update);
    }
    bind(admin, namespace, subjects);
  }

  /**
   * Like {@link #grant(String, List)} on any control plane whose requester ClusterRole is already
   * installed: creates the ServiceAccount ci-bot in the namespace and binds the role there to the
   * subjects.
   */
  public static void bind(KubernetesClient admin, String namespace, List<String> subjects) {
    ensureCiBot(admin, namespace);
    admin
        .rbac()
        .roleBindings()
        .inNamespace(namespace)
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName(CLUSTER_ROLE + "-" + Math.abs(subjects.hashCode()))
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole")
                .withName(CLUSTER_ROLE)
                .endRoleRef()
                .withSubjects(subjects.stream().map(s -> subject(s, namespace)).toList())
                .build())
        .createOr(NonDeletingOperation::update);
  }

  /** Creates the ServiceAccount ci-bot in the namespace, if it is not there. */
  public static void ensureCiBot(String namespace) {
    ensureCiBot(TestControlPlane.admin(), namespace);
  }

  private static void ensureCiBot(KubernetesClient admin, String namespace) {
    admin
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName(CI_BOT).endMetadata().build())
        .createOr(NonDeletingOperation::update);
  }

  /**
   * A new client as the requester ({@code alice}, {@code bob}, {@code admin}, or {@value #CI_BOT}
   * of the namespace), with the namespace as its default; the caller closes it.
   */
  public static KubernetesClient clientAs(String requester, String namespace) {
    return clientAs(TestControlPlane.get(), requester, namespace, Duration.ofHours(1));
  }

  /**
   * Like {@link #clientAs(String, String)} on any control plane, ci-bot's token living {@code
   * tokenLifetime}.
   */
  public static KubernetesClient clientAs(
      ControlPlane plane, String requester, String namespace, Duration tokenLifetime) {
    String token =
        requester.equals(CI_BOT)
            ? plane.serviceAccountToken(namespace, CI_BOT, tokenLifetime)
            : plane.user(requester).token();
    return new KubernetesClientBuilder().withConfig(plane.config(token, namespace)).build();
  }

  private static Subject subject(String name, String namespace) {
    if (name.equals(CI_BOT)) {
      return new SubjectBuilder()
          .withKind("ServiceAccount")
          .withName(CI_BOT)
          .withNamespace(namespace)
          .build();
    }
    if (name.startsWith("serviceaccount:")) {
      String[] parts = name.split(":");
      return new SubjectBuilder()
          .withKind("ServiceAccount")
          .withNamespace(parts[1])
          .withName(parts[2])
          .build();
    }
    if (name.startsWith("group:")) {
      return new SubjectBuilder()
          .withKind("Group")
          .withApiGroup("rbac.authorization.k8s.io")
          .withName(name.substring("group:".length()))
          .build();
    }
    return new SubjectBuilder()
        .withKind("User")
        .withApiGroup("rbac.authorization.k8s.io")
        .withName(name)
        .build();
  }
}
