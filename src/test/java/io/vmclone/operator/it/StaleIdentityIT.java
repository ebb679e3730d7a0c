package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.testing.OperatorOnControlPlane;
import io.vmclone.testing.PostgresResource;
import io.vmclone.testing.TestControlPlane;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A clone that waits (here for a source that does not exist yet) acts only with rights its
 * requester still holds: right before its first side effect, the rights it needs are checked again
 * as the requester, because more than {@code vmclone.identity.recheck-after} (one second here) has
 * passed since Authorize. A right revoked meanwhile fails the clone with {@code IdentityRevoked}
 * before anything is created.
 */
@QuarkusTest
@TestProfile(StaleIdentityIT.ShortRecheck.class)
@QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class StaleIdentityIT extends OperatorIT {

  /** Rights checked more than a second ago are checked again before a side effect. */
  public static class ShortRecheck implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("vmclone.identity.recheck-after", "1s");
    }
  }

  private static final String RUNNER = "ci-runner";

  @Test
  void aPersonWhoseRoleBindingIsRemovedWhileTheCloneWaitsForItsSourceFailsBeforeAnySideEffect() {
    RequesterRoles.bindRequesterRole(namespace, "requester-bob", "User", "bob");
    String source = unique("later");
    String name = unique("clone");
    createCloneAs("bob", name, source, spec -> {});
    String taskId = awaitBlocked(name);

    RequesterRoles.unbind(namespace, "requester-bob", "bob", List.of("testers"));
    awaitRightsOlderThanRecheck(taskId);
    createVm(source);

    assertRevokedBeforeAnySideEffect(name, taskId, source);
  }

  @Test
  void aServiceAccountWhoseGroupLosesItsRoleWhileTheCloneWaitsFailsBeforeAnySideEffect() {
    String group = "system:serviceaccounts:" + namespace;
    RequesterRoles.bindRequesterRole(namespace, "requester-sa-group", "Group", group);
    client
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                .withNewMetadata()
                .withName(RUNNER)
                .endMetadata()
                .build())
        .createOr(NonDeletingOperation::update);
    String source = unique("later");
    String name = unique("clone");
    try (KubernetesClient runner = runnerClient()) {
      runner
          .resources(VirtualMachineClone.class)
          .inNamespace(namespace)
          .resource(newClone(name, source, spec -> {}))
          .create();
    }
    String taskId = awaitBlocked(name);
    assertThat(journal(taskId)).as("its token was preserved").contains("PreserveSession DONE");

    RequesterRoles.unbind(
        namespace,
        "requester-sa-group",
        "system:serviceaccount:" + namespace + ":" + RUNNER,
        List.of(group, "system:serviceaccounts"));
    awaitRightsOlderThanRecheck(taskId);
    createVm(source);

    assertRevokedBeforeAnySideEffect(name, taskId, source);
  }

  private void assertRevokedBeforeAnySideEffect(String name, String taskId, String source) {
    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Failed);
    assertThat(reason(clone, "Ready")).isEqualTo("IdentityRevoked");
    assertThat(message(clone, "Ready")).contains("checked again before SnapshotSource");
    assertThat(events(name)).extracting(Event::getReason).contains("IdentityRevoked");
    assertThat(journal(taskId))
        .contains("FlagEntities DONE", "SnapshotSource FAILED")
        .doesNotContain("SnapshotSource STARTED", "CopyDisks STARTED", "CreateTarget STARTED");
    String snapshot = ChildNames.snapshotName(clone.getMetadata().getUid());
    assertThat(
            audited(
                e ->
                    "create".equals(e.verb())
                        && "virtualmachinesnapshots".equals(e.resource())
                        && snapshot.equals(e.name())))
        .as("a snapshot was asked for")
        .isEmpty();
    assertNothingLeftBehind(taskId, source);
  }

  /** Waits until Authorize's check is older than the recheck setting (one second). */
  private void awaitRightsOlderThanRecheck(String taskId) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                query(
                        "SELECT clock_timestamp() - written_at > interval '1500 milliseconds'"
                            + " FROM journal_entry WHERE task_id = ?::uuid"
                            + " AND action = 'Authorize' AND state = 'DONE'",
                        taskId)
                    .equals(List.of("t")));
  }

  private KubernetesClient runnerClient() {
    var plane = TestControlPlane.get();
    String token = plane.serviceAccountToken(namespace, RUNNER, Duration.ofHours(1));
    return new KubernetesClientBuilder().withConfig(plane.config(token, namespace)).build();
  }
}
