package io.vmclone.operator.it;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.vmclone.controlplane.Binaries;
import io.vmclone.testing.Requesters;
import io.vmclone.testing.TestControlPlane;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Requesters with less than the full set of rights ({@code examples/rbac/clone-requester.yaml}): a
 * Role with the requester ClusterRole's rules but one verb on one resource, bound to a user in one
 * namespace, as RBAC the API server enforces and answers SubjectAccessReviews from.
 */
final class RequesterRoles {

  private static final Path REQUESTER_ROLE = Path.of("examples", "rbac", "clone-requester.yaml");

  private RequesterRoles() {}

  /**
   * Grants {@code user} in {@code namespace} everything a requester may do except {@code verb} on
   * {@code resource} of {@code apiGroup}; returns once the API server's authorizer says so.
   */
  static void grantAllBut(
      String namespace, String user, String apiGroup, String resource, String verb) {
    KubernetesClient admin = TestControlPlane.admin();
    String name = "requester-" + user + "-without-" + verb + "-" + resource;
    Role role =
        new RoleBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withRules(without(requesterRules(admin), apiGroup, resource, verb))
            .build();
    admin
        .rbac()
        .roles()
        .inNamespace(namespace)
        .resource(role)
        .createOr(NonDeletingOperation::update);
    RoleBinding binding =
        new RoleBindingBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewRoleRef()
            .withApiGroup("rbac.authorization.k8s.io")
            .withKind("Role")
            .withName(name)
            .endRoleRef()
            .addNewSubject()
            .withKind("User")
            .withApiGroup("rbac.authorization.k8s.io")
            .withName(user)
            .endSubject()
            .build();
    admin
        .rbac()
        .roleBindings()
        .inNamespace(namespace)
        .resource(binding)
        .createOr(NonDeletingOperation::update);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> allowed(admin, user, namespace, "vmclone.io", "virtualmachineclones", "create"));
  }

  /**
   * Binds the requester ClusterRole in {@code namespace} to one subject ({@code User} or {@code
   * Group}) under {@code bindingName}; returns once the API server's authorizer says so.
   */
  static void bindRequesterRole(String namespace, String bindingName, String kind, String name) {
    KubernetesClient admin = TestControlPlane.admin();
    RoleBinding binding =
        new RoleBindingBuilder()
            .withNewMetadata()
            .withName(bindingName)
            .endMetadata()
            .withNewRoleRef()
            .withApiGroup("rbac.authorization.k8s.io")
            .withKind("ClusterRole")
            .withName(Requesters.CLUSTER_ROLE)
            .endRoleRef()
            .addNewSubject()
            .withKind(kind)
            .withApiGroup("rbac.authorization.k8s.io")
            .withName(name)
            .endSubject()
            .build();
    admin
        .rbac()
        .roleBindings()
        .inNamespace(namespace)
        .resource(binding)
        .createOr(NonDeletingOperation::update);
    String user = kind.equals("User") ? name : "system:serviceaccount:" + namespace + ":probe";
    List<String> groups = kind.equals("User") ? List.of() : List.of(name);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> snapshotAllowed(admin, user, groups, namespace));
  }

  /**
   * Removes the binding; returns once the API server's authorizer no longer lets {@code user} with
   * {@code groups} snapshot a VM in the namespace.
   */
  static void unbind(String namespace, String bindingName, String user, List<String> groups) {
    KubernetesClient admin = TestControlPlane.admin();
    admin.rbac().roleBindings().inNamespace(namespace).withName(bindingName).delete();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !snapshotAllowed(admin, user, groups, namespace));
  }

  private static boolean snapshotAllowed(
      KubernetesClient admin, String user, List<String> groups, String namespace) {
    SubjectAccessReview review =
        new SubjectAccessReviewBuilder()
            .withNewSpec()
            .withUser(user)
            .withGroups(groups)
            .withNewResourceAttributes()
            .withGroup("snapshot.kubevirt.io")
            .withResource("virtualmachinesnapshots")
            .withVerb("create")
            .withNamespace(namespace)
            .endResourceAttributes()
            .endSpec()
            .build();
    return Boolean.TRUE.equals(
        admin.authorization().v1().subjectAccessReview().create(review).getStatus().getAllowed());
  }

  private static List<PolicyRule> requesterRules(KubernetesClient admin) {
    try (InputStream in = Files.newInputStream(Binaries.repositoryRoot().resolve(REQUESTER_ROLE))) {
      for (HasMetadata object : admin.load(in).items()) {
        if (object instanceof ClusterRole role) {
          return role.getRules();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException(REQUESTER_ROLE + " holds no ClusterRole");
  }

  private static List<PolicyRule> without(
      List<PolicyRule> rules, String apiGroup, String resource, String verb) {
    List<PolicyRule> kept = new ArrayList<>();
    for (PolicyRule rule : rules) {
      if (rule.getApiGroups().equals(List.of(apiGroup))
          && rule.getResources().equals(List.of(resource))) {
        List<String> verbs = new ArrayList<>(rule.getVerbs());
        if (!verbs.remove(verb)) {
          throw new IllegalStateException(
              "the requester role never grants " + verb + " " + resource);
        }
        kept.add(new PolicyRuleBuilder(rule).withVerbs(verbs).build());
      } else {
        kept.add(rule);
      }
    }
    return kept;
  }

  private static boolean allowed(
      KubernetesClient admin,
      String user,
      String namespace,
      String group,
      String resource,
      String verb) {
    SubjectAccessReview review =
        new SubjectAccessReviewBuilder()
            .withNewSpec()
            .withUser(user)
            .withNewResourceAttributes()
            .withGroup(group)
            .withResource(resource)
            .withVerb(verb)
            .withNamespace(namespace)
            .endResourceAttributes()
            .endSpec()
            .build();
    return Boolean.TRUE.equals(
        admin.authorization().v1().subjectAccessReview().create(review).getStatus().getAllowed());
  }
}
