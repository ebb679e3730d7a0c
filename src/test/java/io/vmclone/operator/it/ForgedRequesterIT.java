package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.identity.RequesterAnnotation;
import io.vmclone.operator.identity.RequesterIdentity;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.testing.OperatorOnControlPlane;
import io.vmclone.testing.PostgresResource;
import io.vmclone.testing.Requesters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The security review's first finding: a client that writes the requester annotations itself, as
 * alice claiming to be the ServiceAccount ci-bot, when the operator's webhooks are not there to
 * refuse it. The API server's requester policy refuses the clone; where the policy is missing too,
 * the operator does nothing for it ({@code RequesterUnverified}): it mints no token, runs no
 * SubjectAccessReview as the claimed requester and touches nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class ForgedRequesterIT extends OperatorIT {

  private Map<String, String> claimingCiBot;

  @BeforeEach
  void aliceAndCiBot() {
    Requesters.grant(namespace, List.of("alice", CI_BOT));
    claimingCiBot =
        RequesterAnnotation.of(
                new RequesterIdentity(
                    Requesters.ciBotUser(namespace),
                    "",
                    List.of(
                        "system:serviceaccounts",
                        "system:serviceaccounts:" + namespace,
                        "system:authenticated")))
            .orElseThrow();
  }

  @Test
  void theApiServerRefusesAForgedRequesterWithoutTheWebhooks() {
    String source = unique("web");
    createVm(source);
    VirtualMachineClone forged = newClone(unique("forged"), source, spec -> {});
    forged.getMetadata().setAnnotations(claimingCiBot);

    try (WebhooksAbsent absent = WebhooksAbsent.in(client, namespace)) {
      assertThatThrownBy(() -> createAs("alice", forged))
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              e -> {
                assertThat(e.getCode()).isEqualTo(403);
                assertThat(e.getMessage())
                    .contains("ValidatingAdmissionPolicy 'vmclone-operator-requester'");
              });
    }
    assertThat(clone(forged.getMetadata().getName())).isNull();
  }

  @Test
  void withoutThePolicyTooTheOperatorDoesNothingForAnUnverifiedRequester() {
    String source = unique("web");
    createVm(source);
    String name = unique("forged");
    VirtualMachineClone forged = newClone(name, source, spec -> {});
    forged.getMetadata().setAnnotations(claimingCiBot);
    VirtualMachineClone created;
    try (WebhooksAbsent absent = WebhooksAbsent.in(client, namespace);
        RequesterPolicyAbsent unguarded = RequesterPolicyAbsent.remove(client, namespace)) {
      created = createAs("alice", forged);
    }

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Failed);

    assertThat(reason(clone, "Ready")).isEqualTo("RequesterUnverified");
    assertThat(message(clone, "Ready"))
        .contains("requester policy vmclone-operator-requester")
        .contains("Nothing was done");
    assertThat(clone.getStatus().getRequester()).isNull();
    String taskId = clone.getStatus().getTaskId();
    assertThat(journal(taskId)).containsExactly("Reject ABORTED");
    assertNothingLeftBehind(taskId, source);
    assertThat(
            client
                .secrets()
                .inNamespace(namespace)
                .withName(ChildNames.sessionSecretName(created.getMetadata().getUid()))
                .get())
        .as("no token of ci-bot was minted")
        .isNull();
  }
}
