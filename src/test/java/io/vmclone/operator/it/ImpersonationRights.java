package io.vmclone.operator.it;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.vmclone.controlplane.Binaries;
import io.vmclone.testing.AccessReviews;
import io.vmclone.testing.OperatorInstall;
import io.vmclone.testing.TestControlPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the chart adds to the operator's ClusterRole with {@code identity.impersonateUsers=true}:
 * the rules inside that condition of {@code helm/vmclone-operator/templates/rbac.yaml}, granted to
 * the operator's ServiceAccount under a ClusterRole of their own, so that the ClusterRole the other
 * test classes of the JVM share stays exactly {@code k8s/rbac.yaml}.
 */
final class ImpersonationRights {

  static final String NAME = "vmclone-operator-impersonation-test";

  private static final Path TEMPLATE =
      Path.of("helm", "vmclone-operator", "templates", "rbac.yaml");
  private static final String CONDITION = "{{- if .Values.identity.impersonateUsers }}";

  private ImpersonationRights() {}

  /**
   * Grants the rules and returns once the API server's authorizer lets the operator impersonate.
   */
  static void grant() {
    KubernetesClient admin = TestControlPlane.admin();
    admin.resource(chartRules(admin)).createOr(NonDeletingOperation::update);
    ClusterRoleBinding binding =
        new ClusterRoleBindingBuilder()
            .withNewMetadata()
            .withName(NAME)
            .endMetadata()
            .withNewRoleRef()
            .withApiGroup("rbac.authorization.k8s.io")
            .withKind("ClusterRole")
            .withName(NAME)
            .endRoleRef()
            .addNewSubject()
            .withKind("ServiceAccount")
            .withNamespace(OperatorInstall.NAMESPACE)
            .withName(OperatorInstall.SERVICE_ACCOUNT)
            .endSubject()
            .build();
    admin.resource(binding).createOr(NonDeletingOperation::update);
    await().atMost(Duration.ofSeconds(10)).until(() -> operatorMayImpersonate(admin));
  }

  static void revoke() {
    KubernetesClient admin = TestControlPlane.admin();
    admin.rbac().clusterRoleBindings().withName(NAME).delete();
    admin.rbac().clusterRoles().withName(NAME).delete();
  }

  /** The rules between the condition and its end, as a ClusterRole named {@value #NAME}. */
  private static ClusterRole chartRules(KubernetesClient admin) {
    List<String> lines = read(Binaries.repositoryRoot().resolve(TEMPLATE));
    int start = lines.stream().map(String::trim).toList().indexOf(CONDITION);
    if (start < 0) {
      throw new IllegalStateException(TEMPLATE + " has no " + CONDITION);
    }
    StringBuilder rules = new StringBuilder();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.trim().startsWith("{{")) {
        break;
      }
      rules.append(line).append('\n');
    }
    String role =
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: "
            + NAME
            + "\nrules:\n"
            + rules;
    ClusterRole parsed = admin.getKubernetesSerialization().unmarshal(role, ClusterRole.class);
    if (parsed.getRules() == null || parsed.getRules().isEmpty()) {
      throw new IllegalStateException("no rules under " + CONDITION + " in " + TEMPLATE);
    }
    return parsed;
  }

  private static boolean operatorMayImpersonate(KubernetesClient admin) {
    return AccessReviews.operatorMay(
        admin,
        AccessReviews.attributes()
            .withVerb("impersonate")
            .withResource("users")
            .withName("alice")
            .build());
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
