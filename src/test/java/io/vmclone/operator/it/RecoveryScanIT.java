package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.recovery.RecoveryScan;
import io.vmclone.testing.PostgresResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The recovery scan inside a running operator. A crash is played by handing a clone's journal to
 * another incarnation in the database (the crash harness kills real processes; this test looks at
 * what the scan and the reconciler make of the state a crash leaves).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, https = false, setup = ClusterSetup.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class RecoveryScanIT extends OperatorIT {

  @Inject RecoveryScan scan;

  @Test
  void anInterruptedCloneIsFlaggedRecoveringAndRestartsOnce() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createClone(name, source);
    awaitStep(name, "CopyDisks");
    String taskId = clone(name).getStatus().getTaskId();

    interrupt(taskId);
    assertThat(scan.run()).isGreaterThanOrEqualTo(1);

    assertThat(vm(source).getMetadata().getAnnotations())
        .containsEntry("vmclone.io/in-recovery", taskId);
    VirtualMachineClone done = awaitPhase(name, ClonePhase.Succeeded);
    assertThat(done.getStatus().getRestarts()).isEqualTo(1);
    assertThat(journal(taskId))
        .contains("CopyDisks RESTARTED")
        .containsOnlyOnce("Commit COMMITTED");
    assertThat(vm(source).getMetadata().getAnnotations())
        .doesNotContainKey("vmclone.io/in-recovery");
    assertThat(labelled(VM, taskId)).hasSize(1);
  }

  @Test
  void aTaskWhoseCloneIsGoneIsUndoneAndClosed() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createClone(name, source);
    awaitStep(name, "CopyDisks");
    String taskId = clone(name).getStatus().getTaskId();

    interrupt(taskId);
    forceDelete(name);
    scan.run();

    assertThat(taskState(taskId)).isEqualTo("ERROR/ABORTED");
    assertThat(query("SELECT error_reason FROM clone_task WHERE id = ?::uuid", taskId))
        .containsExactly("CloneDeleted");
    assertNothingLeftBehind(taskId, source);
    assertThat(vm(source).getMetadata().getAnnotations())
        .doesNotContainKey("vmclone.io/in-recovery");
  }

  /** What a crash leaves: the journal last written by an incarnation that no longer runs. */
  private void interrupt(String taskId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE workflow_journal SET last_incarnation = ? WHERE task_id = ?::uuid")) {
      s.setObject(1, UUID.randomUUID());
      s.setString(2, taskId);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes the clone without its finalizer running, as if no operator had been there. */
  private void forceDelete(String name) {
    VirtualMachineClone clone = clone(name);
    clone.getMetadata().setFinalizers(List.of());
    client.resources(VirtualMachineClone.class).inNamespace(NAMESPACE).resource(clone).update();
    client.resources(VirtualMachineClone.class).inNamespace(NAMESPACE).withName(name).delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> clone(name) == null);
  }
}
