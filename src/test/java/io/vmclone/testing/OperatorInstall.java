package io.vmclone.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.vmclone.controlplane.ClusterSeeder;
import io.vmclone.controlplane.ControlPlane;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What installing the operator puts into a cluster besides its pods, taken from the plain manifests
 * the chart renders ({@code k8s/}): the namespace {@value #NAMESPACE} and the operator's
 * ServiceAccount with exactly the chart's RBAC ({@code k8s/rbac.yaml}). Operators in tests, the
 * sandbox and the crash matrix run as that ServiceAccount, with a token from TokenRequest, so that
 * a right the chart forgot shows up as a 403.
 */
public final class OperatorInstall {

  public static final String NAMESPACE = "vmclone-system";
  public static final String SERVICE_ACCOUNT = "vmclone-operator";

  /** The user name the API server gives the operator. */
  public static final String USER = "system:serviceaccount:" + NAMESPACE + ":" + SERVICE_ACCOUNT;

  /**
   * The chart's ClusterRole that holds only {@code serviceaccounts/token} create, bound per
   * namespace of {@code identity.serviceAccountNamespaces}.
   */
  public static final String TOKEN_REQUESTS_ROLE = SERVICE_ACCOUNT + "-token-requests";

  /**
   * The settings that tell an operator where it keeps preserved tokens and whose ServiceAccounts it
   * serves (the chart sets them from its namespace and {@code identity.serviceAccountNamespaces}).
   */
  public static Map<String, String> identitySettings(String serviceAccountNamespace) {
    return Map.of(
        "vmclone.identity.operator-namespace", NAMESPACE,
        "vmclone.identity.service-account-namespaces", serviceAccountNamespace);
  }

  private OperatorInstall() {}

  /** Applies the namespace and {@code k8s/rbac.yaml} of the checkout; idempotent. */
  public static void applyChartRbac(KubernetesClient admin, Path repositoryRoot) {
    applyRbac(admin, load(admin, repositoryRoot.resolve("k8s/rbac.yaml")));
  }

  /**
   * Applies the namespace and these RBAC objects (e.g. the chart rendered with other values);
   * idempotent.
   */
  public static void applyRbac(KubernetesClient admin, List<HasMetadata> rbac) {
    new ClusterSeeder(admin).ensureNamespace(NAMESPACE);
    for (HasMetadata object : rbac) {
      admin.resource(object).unlock().createOr(NonDeletingOperation::update);
    }
  }

  /**
   * Applies the chart's requester policy ({@code k8s/requester-policy.yaml}) and returns once the
   * API server enforces it and the operator trusts the requester of clones created from now on
   * (after {@code vmclone.identity.requester-policy-settle}, 3 s, from its last change).
   */
  public static void applyRequesterPolicy(KubernetesClient admin, Path repositoryRoot) {
    for (HasMetadata object : load(admin, repositoryRoot.resolve("k8s/requester-policy.yaml"))) {
      admin.resource(object).unlock().createOr(NonDeletingOperation::update);
    }
    RequesterPolicyProbe.awaitTrusted(admin);
  }

  /**
   * What the chart renders for a namespace of {@code identity.serviceAccountNamespaces}: a
   * RoleBinding there of {@value #TOKEN_REQUESTS_ROLE} to the operator's ServiceAccount, so that it
   * may mint tokens of that namespace's ServiceAccounts; idempotent.
   */
  public static void grantTokenRequests(KubernetesClient admin, String namespace) {
    admin
        .rbac()
        .roleBindings()
        .inNamespace(namespace)
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName(TOKEN_REQUESTS_ROLE)
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole")
                .withName(TOKEN_REQUESTS_ROLE)
                .endRoleRef()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withNamespace(NAMESPACE)
                .withName(SERVICE_ACCOUNT)
                .endSubject()
                .build())
        .createOr(NonDeletingOperation::update);
  }

  /** A token of the operator's ServiceAccount, as its pod would get one. */
  public static String token(ControlPlane plane, Duration lifetime) {
    return plane.serviceAccountToken(NAMESPACE, SERVICE_ACCOUNT, lifetime);
  }

  static List<HasMetadata> load(KubernetesClient client, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return client.load(in).items();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
