package io.vmclone.sandbox.identity;

import io.vmclone.sandbox.front.UserInfo;
import java.util.List;

/**
 * One grant of the sandbox policy, like a RoleBinding of a Role in each of several namespaces: its
 * subjects may use its permissions in its namespaces. There are no denials: what no rule grants is
 * forbidden, as in Kubernetes RBAC.
 *
 * @param namespaces where it applies; {@code *} is every namespace and the cluster scope
 */
public record PolicyRule(
    String name, Subjects subjects, List<String> namespaces, List<Permission> permissions) {

  static final String ANY = "*";

  public PolicyRule {
    name = name == null ? "" : name;
    subjects = subjects == null ? new Subjects(null, null, null) : subjects;
    namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    permissions = permissions == null ? List.of() : List.copyOf(permissions);
  }

  /** Whether this rule lets the user (by name or by one of its groups) do what is asked. */
  boolean allows(UserInfo user, AccessRequest request) {
    return subjects.include(user)
        && (namespaces.contains(ANY) || namespaces.contains(request.namespace()))
        && permissions.stream().anyMatch(permission -> permission.allows(request));
  }

  /**
   * Who a rule is for.
   *
   * @param serviceAccounts as {@code NAMESPACE/NAME}
   */
  public record Subjects(List<String> users, List<String> groups, List<String> serviceAccounts) {

    public Subjects {
      users = users == null ? List.of() : List.copyOf(users);
      groups = groups == null ? List.of() : List.copyOf(groups);
      serviceAccounts = serviceAccounts == null ? List.of() : List.copyOf(serviceAccounts);
    }

    boolean include(UserInfo user) {
      return users.contains(user.username())
          || user.groups().stream().anyMatch(groups::contains)
          || serviceAccounts.stream()
              .anyMatch(
                  reference ->
                      user.username()
                          .equals(
                              PolicyServiceAccount.USERNAME_PREFIX + reference.replace('/', ':')));
    }

    boolean isEmpty() {
      return users.isEmpty() && groups.isEmpty() && serviceAccounts.isEmpty();
    }
  }

  /**
   * Verbs on resources of API groups, as in a Role's rule. {@code *} matches everything in each
   * list; a resource {@code RES/SUB} names a subresource, {@code RES/*} every subresource of RES.
   *
   * @param apiGroups {@code ""} is the core group
   */
  public record Permission(List<String> apiGroups, List<String> resources, List<String> verbs) {

    public Permission {
      apiGroups = apiGroups == null ? List.of() : List.copyOf(apiGroups);
      resources = resources == null ? List.of() : List.copyOf(resources);
      verbs = verbs == null ? List.of() : List.copyOf(verbs);
    }

    boolean allows(AccessRequest request) {
      return (verbs.contains(ANY) || verbs.contains(request.verb()))
          && (apiGroups.contains(ANY) || apiGroups.contains(request.group()))
          && resources.stream().anyMatch(resource -> resourceMatches(resource, request));
    }

    private static boolean resourceMatches(String granted, AccessRequest request) {
      if (granted.equals(ANY)) {
        return true;
      }
      if (request.subresource().isEmpty()) {
        return granted.equals(request.resource());
      }
      return granted.equals(request.resource() + "/" + request.subresource())
          || granted.equals(request.resource() + "/*")
          || granted.equals("*/" + request.subresource());
    }
  }
}
