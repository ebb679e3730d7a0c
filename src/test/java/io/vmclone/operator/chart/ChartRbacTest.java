package io.vmclone.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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
  void impersonatesOnlyUsersNeverGroupsWhenSwitchedOn(ValueSet values) {
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
              assertThat(rule.getResources()).containsExactly("users");
            });
  }

  @ParameterizedTest
  @EnumSource(ValueSet.class)
  void noClusterRoleBoundClusterWideGrantsSecretsOrTokens(ValueSet values) {
    Rendering rendering = render(values);
    List<String> clusterWide =
        rendering.all(ClusterRoleBinding.class).stream()
            .map(binding -> binding.getRoleRef().getName())
            .toList();

    assertThat(rendering.all(ClusterRole.class))
        .filteredOn(role -> clusterWide.contains(role.getMetadata().getName()))
        .flatExtracting(ClusterRole::getRules)
        .allSatisfy(
            rule ->
                assertThat(rule.getResources())
                    .as("%s", rule)
                    .doesNotContain("secrets", "serviceaccounts/token", "serviceaccounts", "*"));
  }

  /**
   * CDI admits a copy out of another namespace only if its creator may create datavolumes/source
   * there; with that right the operator could copy any namespace's disks for anyone who asks.
   */
  @ParameterizedTest
  @EnumSource(ValueSet.class)
  void grantsNoDatavolumesSourceSoTheOperatorCannotCopyAnotherNamespacesDisks(ValueSet values) {
    assertThat(rules(render(values)))
        .allSatisfy(
            rule ->
                assertThat(rule.getResources())
                    .as("%s", rule)
                    .doesNotContain("datavolumes/source", "datavolumes/*"));
  }

  /** A new leader writes each source's in-recovery annotation in one merge patch, unread. */
  @ParameterizedTest
  @EnumSource(ValueSet.class)
  void letsTheOperatorPatchTheSourcesItFlagsInRecovery(ValueSet values) {
    for (String source : List.of("virtualmachines", "virtualmachinesnapshots")) {
      assertThat(rules(render(values)))
          .as(source)
          .filteredOn(rule -> rule.getResources().contains(source))
          .singleElement()
          .satisfies(rule -> assertThat(rule.getVerbs()).contains("get", "update", "patch"));
    }
  }

  @ParameterizedTest
  @EnumSource(ValueSet.class)
  void keepsSecretRightsToTheOperatorsNamespace(ValueSet values) {
    Rendering rendering = render(values);

    assertThat(rendering.all(Role.class))
        .filteredOn(
            role -> role.getRules().stream().anyMatch(r -> r.getResources().contains("secrets")))
        .singleElement()
        .satisfies(
            role -> assertThat(role.getMetadata().getNamespace()).isEqualTo(HelmChart.NAMESPACE));
    assertThat(rendering.all(RoleBinding.class))
        .filteredOn(binding -> binding.getRoleRef().getName().endsWith("-session-tokens"))
        .singleElement()
        .satisfies(
            binding ->
                assertThat(binding.getMetadata().getNamespace()).isEqualTo(HelmChart.NAMESPACE));
  }

  @Test
  void grantsTokenRequestsOnlyInTheServiceAccountNamespaces() {
    Rendering rendering = render(ValueSet.SERVICE_ACCOUNT_NAMESPACES);

    assertThat(tokenBindings(rendering))
        .extracting(binding -> binding.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(tokenBindings(render(ValueSet.DEFAULTS))).isEmpty();
    ClusterRole tokens = rendering.named(ClusterRole.class, HelmChart.RELEASE + "-token-requests");
    assertThat(tokens.getRules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getResources()).containsExactly("serviceaccounts/token");
              assertThat(rule.getVerbs()).containsExactly("create");
            });
  }

  @Test
  void refusesToGrantTokenRequestsInKubeSystem() {
    assertThatThrownBy(
            () ->
                chart.render(
                    Map.of(
                        "identity.serviceAccountNamespaces[0]", "team-a",
                        "identity.serviceAccountNamespaces[1]", "kube-system")))
        .hasMessageContaining("kube-system");
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
    assertThat(clusterBinding.getRoleRef().getName()).isEqualTo(HelmChart.RELEASE);
    assertThat(rendering.all(RoleBinding.class))
        .allSatisfy(binding -> assertThat(binding.getSubjects()).containsExactly(operator));
    Role leases = rendering.named(Role.class, HelmChart.RELEASE + "-leader-election");
    assertThat(leases.getMetadata().getNamespace()).isEqualTo(HelmChart.NAMESPACE);
    assertThat(leases.getRules())
        .singleElement()
        .satisfies(rule -> assertThat(rule.getResources()).containsExactly("leases"));
  }

  private static List<RoleBinding> tokenBindings(Rendering rendering) {
    return rendering.all(RoleBinding.class).stream()
        .filter(binding -> binding.getRoleRef().getName().endsWith("-token-requests"))
        .toList();
  }

  private static List<PolicyRule> rules(Rendering rendering) {
    return Stream.concat(
            rendering.all(ClusterRole.class).stream().flatMap(role -> role.getRules().stream()),
            rendering.all(Role.class).stream().flatMap(role -> role.getRules().stream()))
        .toList();
  }
}
