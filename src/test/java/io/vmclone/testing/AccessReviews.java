package io.vmclone.testing;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * What the API server's authorizer says a user may do, asked by an admin with a
 * SubjectAccessReview: for tests that change RBAC and wait until the authorizer sees it.
 */
public final class AccessReviews {

  private AccessReviews() {}

  /** Whether the user, in these groups, may do what the attributes say. */
  public static boolean allowed(
      KubernetesClient admin, String user, List<String> groups, ResourceAttributes attributes) {
    return Boolean.TRUE.equals(
        admin
            .authorization()
            .v1()
            .subjectAccessReview()
            .create(
                new SubjectAccessReviewBuilder()
                    .withNewSpec()
                    .withUser(user)
                    .withGroups(groups)
                    .withResourceAttributes(attributes)
                    .endSpec()
                    .build())
            .getStatus()
            .getAllowed());
  }

  /** Whether the operator's ServiceAccount may do what the attributes say. */
  public static boolean operatorMay(KubernetesClient admin, ResourceAttributes attributes) {
    return allowed(admin, OperatorInstall.USER, List.of(), attributes);
  }

  /** Attributes to fill in. */
  public static ResourceAttributesBuilder attributes() {
    return new ResourceAttributesBuilder();
  }
}
