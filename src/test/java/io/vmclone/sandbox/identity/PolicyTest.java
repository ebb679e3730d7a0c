package io.vmclone.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmclone.controlplane.KubeconfigWriter;
import io.vmclone.sandbox.front.UserInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The example policy a newcomer edits, and what its rules allow. */
class PolicyTest {

  static final Path EXAMPLE = Path.of("src/test/resources/mock-identity/policy.yaml");

  private static final UserInfo ALICE =
      new UserInfo("alice", "", List.of("developers", "system:authenticated"));
  private static final UserInfo CI_BOT =
      new UserInfo(
          "system:serviceaccount:default:ci-bot",
          "",
          List.of("system:serviceaccounts", "system:serviceaccounts:default"));
  private static final UserInfo MALLORY =
      new UserInfo("mallory", "", List.of("system:authenticated"));

  static Policy example() throws IOException {
    return Policy.parse(Files.readString(EXAMPLE));
  }

  @ParameterizedTest(name = "{0} {1} {2}.{3}/{4} in {5} -> {6}")
  @CsvSource({
    "alice,  create, kubevirt.io,         virtualmachines,         '',     default,    true",
    "alice,  get,    kubevirt.io,         virtualmachines,         '',     default,    true",
    "alice,  delete, kubevirt.io,         virtualmachines,         '',     default,    false",
    "alice,  create, cdi.kubevirt.io,     datavolumes,             source, default,    true",
    "alice,  create, cdi.kubevirt.io,     datavolumes,             upload, default,    false",
    "alice,  create, snapshot.kubevirt.io, virtualmachinesnapshots, '',    default,    true",
    "alice,  create, kubevirt.io,         virtualmachines,         '',     restricted, false",
    "alice,  get,    kubevirt.io,         virtualmachines,         '',     restricted, false",
    "alice,  create, vmclone.io,          virtualmachineclones,    '',     default,    true",
    "alice,  create, '',                  virtualmachines,         '',     default,    false",
    "ci-bot, create, kubevirt.io,         virtualmachines,         '',     default,    true",
    "ci-bot, create, cdi.kubevirt.io,     datavolumes,             '',     restricted, false",
    "mallory, get,   kubevirt.io,         virtualmachines,         '',     default,    false",
  })
  void exampleGrantsWhatACloneInDefaultNeedsAndNothingInRestricted(
      String who,
      String verb,
      String group,
      String resource,
      String subresource,
      String namespace,
      boolean allowed)
      throws IOException {
    UserInfo user =
        switch (who) {
          case "alice" -> ALICE;
          case "ci-bot" -> CI_BOT;
          default -> MALLORY;
        };
    Policy policy = example();

    Authorizer.Decision decision =
        new Authorizer(() -> policy)
            .decide(user, new AccessRequest(verb, group, resource, subresource, namespace, ""));

    assertThat(decision.allowed()).as(decision.reason()).isEqualTo(allowed);
  }

  @Test
  void aDenialSaysNoRuleGrantsIt() throws IOException {
    Policy policy = example();

    Authorizer.Decision decision =
        new Authorizer(() -> policy)
            .decide(
                ALICE,
                new AccessRequest(
                    "create", "kubevirt.io", "virtualmachines", "", "restricted", ""));

    assertThat(decision.reason()).isEqualTo("no rule of the sandbox policy grants it");
  }

  @Test
  void wildcardsMatchEveryVerbGroupResourceAndNamespace() {
    Policy policy =
        Policy.parse(
            """
            users: [{name: root, token: t}]
            rules:
              - subjects: {users: [root]}
                namespaces: ["*"]
                permissions: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
              - subjects: {groups: [scalers]}
                namespaces: [apps]
                permissions: [{apiGroups: [apps], resources: ["*/scale"], verbs: [update]}]
            """);
    Authorizer authorizer = new Authorizer(() -> policy);
    UserInfo root = new UserInfo("root", "", List.of());
    UserInfo scaler = new UserInfo("bob", "", List.of("scalers"));

    assertThat(
            authorizer
                .decide(root, new AccessRequest("delete", "", "nodes", "", "", "node-1"))
                .allowed())
        .isTrue();
    assertThat(
            authorizer
                .decide(
                    scaler, new AccessRequest("update", "apps", "deployments", "scale", "apps", ""))
                .allowed())
        .isTrue();
    assertThat(
            authorizer
                .decide(scaler, new AccessRequest("update", "apps", "deployments", "", "apps", ""))
                .allowed())
        .isFalse();
  }

  @Test
  void exampleHasAContextForAliceFirstAndOneForCiBot() throws IOException {
    assertThat(example().kubeconfigContexts())
        .extracting(KubeconfigWriter.Context::name)
        .containsExactly("sandbox", "ci-bot");
    assertThat(example().userWithToken("sandbox-token-alice").get().userInfo().groups())
        .containsExactly("developers", "system:authenticated");
    assertThat(example().serviceAccountWithToken("sandbox-token-ci-bot").get().username())
        .isEqualTo("system:serviceaccount:default:ci-bot");
  }

  @Test
  void refusesAMisspelledField() {
    assertThatThrownBy(() -> Policy.parse("users: [{name: a, token: t, grups: [x]}]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("grups");
  }

  @Test
  void refusesATokenUsedTwiceAndAServiceAccountNotGivenAsNamespaceSlashName() {
    assertThatThrownBy(
            () ->
                Policy.parse(
                    """
                    users: [{name: a, token: same}]
                    serviceAccounts: [{namespace: default, name: b, token: same}]
                    rules:
                      - subjects: {serviceAccounts: [b]}
                        namespaces: [default]
                        permissions: [{apiGroups: [""], resources: [pods], verbs: [get]}]
                    """))
        .hasMessageContaining("serviceAccount \"default/b\" has a token that is already taken")
        .hasMessageContaining("serviceAccount \"b\" is not NAMESPACE/NAME");
  }

  @Test
  void refusesARuleWithoutNamespacesOrPermissions() {
    assertThatThrownBy(() -> Policy.parse("rules: [{subjects: {users: [a]}}]"))
        .hasMessageContaining("rules[0] has no namespaces")
        .hasMessageContaining("rules[0] has no permissions");
  }
}
