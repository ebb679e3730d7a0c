package io.vmclone.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The operator's RBAC: least privilege, bound to the ServiceAccount its pods run as. */
class ChartRbacTest extends ChartTestSupport {

  private static final List<String> DANGEROUS_VERBS = List.of("escalate", "bind", "impersonate");

  @ParameterizedTest
  @EnumSource(ValueSet.class)
  void grantsNoWildcards(ValueSet values) {
    for (PolicyRule rule : rules(render(values))) {
      Stream.of(
              rule.getApiGroups(),
              rule.getResources(),
              rule.getVerbs(),
              rule.getResourceNames(),
              rule.getNonResourceURLs())
          .forEach(list -> assertThat(list).as("%s", rule).noneMatch(item -> item.contains("*")));
    }
  }

  @ParameterizedTest
  @EnumSource(value = ValueSet.class, mode = EnumSource.Mode.EXCLUDE, names = "IMPERSONATION")
  void grantsNoEscalateBindOrImpersonate(ValueSet values) {
    assertThat(rules(render(values)))
        .allSatisfy(
            rule -> assertThat(rule.getVerbs()).doesNotContainAnyElementsOf(DANGEROUS_VERBS));
  }

  @ParameterizedTest
  @EnumSource(value = ValueSet.class, names = "IMPERSONATION")
  void impersonatesOnlyUsersAndGroupsWhenSwitchedOn(ValueSet values) {
    List<PolicyRule> dangerous =
        rules(render(values)).stream()
            .filter(rule -> rule.getVerbs().stream().anyMatch(DANGEROUS_VERBS::contains))
            .toList();

    assertThat(dangerous)
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getVerbs()).containsExactly("impersonate");
              assertThat(rule.getApiGroups()).containsExactly("");
              assertThat(rule.getResources()).containsExactlyInAnyOrder("users", "groups");
            });
  }

  @ParameterizedTest
  @EnumSource(ValueSet.class)
  void bindsTheRolesToTheOperatorsServiceAccount(ValueSet values) {
    Rendering rendering = render(values);
    Subject operator =
        new Subject(
            null,
            "ServiceAccount",
            operatorPod(rendering).getServiceAccountName(),
            HelmChart.NAMESPACE);

    ClusterRoleBinding clusterBinding = rendering.only(ClusterRoleBinding.class);
    assertThat(clusterBinding.getSubjects()).containsExactly(operator);
    assertThat(clusterBinding.getRoleRef().getName())
        .isEqualTo(rendering.only(ClusterRole.class).getMetadata().getName());
    RoleBinding leaseBinding = rendering.only(RoleBinding.class);
    assertThat(leaseBinding.getSubjects()).containsExactly(operator);
    Role leases = rendering.only(Role.class);
    assertThat(leaseBinding.getRoleRef().getName()).isEqualTo(leases.getMetadata().getName());
    assertThat(leases.getMetadata().getNamespace()).isEqualTo(HelmChart.NAMESPACE);
    assertThat(leases.getRules())
        .singleElement()
        .satisfies(rule -> assertThat(rule.getResources()).containsExactly("leases"));
  }

  private static List<PolicyRule> rules(Rendering rendering) {
    return Stream.concat(
            rendering.all(ClusterRole.class).stream().flatMap(role -> role.getRules().stream()),
            rendering.all(Role.class).stream().flatMap(role -> role.getRules().stream()))
        .toList();
  }
}
