package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.journal.Incarnation;
import io.vmclone.operator.platform.Ownership;
import io.vmclone.operator.recovery.JournalPruner;
import io.vmclone.operator.recovery.RecoveryScan;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.operator.workflow.CreationKeySource;
import io.vmclone.operator.workflow.CreationKeys;
import io.vmclone.operator.workflow.action.ActionNames;
import io.vmclone.testing.OperatorOnControlPlane;
import io.vmclone.testing.PostgresResource;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Recovery inside a running operator. A crash is played by handing a journal to another incarnation
 * in the database (the crash harness kills real processes; this test looks at what the scan and the
 * reconciler make of the state a crash leaves).
 */
@QuarkusTest
@QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class RecoveryScanIT extends OperatorIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Inject RecoveryScan scan;
  @Inject JournalPruner pruner;
  @Inject Incarnation incarnation;
  @Inject CreationKeySource creationKeys;

  @Test
  void anInterruptedCloneRecoversAndRestartsOnce() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createClone(name, source);
    awaitStep(name, "CopyDisks");
    String taskId = clone(name).getStatus().getTaskId();

    interrupt(taskId);

    VirtualMachineClone done = awaitPhase(name, ClonePhase.Succeeded);
    assertThat(done.getStatus().getRestarts()).isEqualTo(1);
    assertThat(journal(taskId))
        .containsSubsequence(
            "CopyDisks STARTED", "CopyDisks RESTARTED", "CopyDisks STARTED", "CopyDisks DONE")
        .containsOnlyOnce("Commit COMMITTED");
    assertThat(vm(source).getMetadata().getAnnotations())
        .doesNotContainKey("vmclone.io/in-recovery");
    assertThat(labelled(VM, taskId)).hasSize(1);
  }

  @Test
  void theScanUndoesAndClosesATaskWhoseCloneIsGone() {
    String source = unique("web");
    createVm(source);
    String cloneUid = UUID.randomUUID().toString();
    String nonce = newNonce();
    String taskId = orphanTaskMidSnapshot(source, cloneUid, nonce, UUID.randomUUID(), 0);
    createOurSnapshot(source, cloneUid, snapshotOwnership(taskId, nonce));

    assertThat(scan.run()).isEqualTo(1);

    assertThat(taskState(taskId)).isEqualTo("ERROR/ABORTED");
    assertThat(query("SELECT error_reason FROM clone_task WHERE id = ?::uuid", taskId))
        .containsExactly("CloneDeleted");
    assertThat(journal(taskId))
        .containsSubsequence(
            "SnapshotSource STARTED", "Cancel FAILED", "SnapshotSource UNDONE", "Abort ABORTED");
    assertNothingLeftBehind(taskId, source);
  }

  @Test
  void theLeaderClosesATaskWhoseCloneVanishedWhileItRan() {
    String source = unique("web");
    createVm(source);
    String cloneUid = UUID.randomUUID().toString();
    String nonce = newNonce();
    String taskId = orphanTaskMidSnapshot(source, cloneUid, nonce, incarnation.id(), 60);
    createOurSnapshot(source, cloneUid, snapshotOwnership(taskId, nonce));

    pruner.pruneIfLeader();

    assertThat(taskState(taskId)).isEqualTo("ERROR/ABORTED");
    assertThat(query("SELECT error_reason FROM clone_task WHERE id = ?::uuid", taskId))
        .containsExactly("CloneDeleted");
    assertThat(journal(taskId)).containsSubsequence("SnapshotSource UNDONE", "Abort ABORTED");
    assertNothingLeftBehind(taskId, source);
  }

  @Test
  void aTaskWhoseCloneVanishedAMomentAgoIsLeftToItsReconcile() {
    String source = unique("web");
    createVm(source);
    String cloneUid = UUID.randomUUID().toString();
    String taskId = orphanTaskMidSnapshot(source, cloneUid, newNonce(), incarnation.id(), 0);

    pruner.pruneIfLeader();

    assertThat(taskState(taskId)).isEqualTo("RUNNING/PENDING");
    sql(
        "UPDATE workflow_journal SET updated_at = now() - interval '1 hour' WHERE task_id = ?",
        UUID.fromString(taskId));
    pruner.pruneIfLeader();
    assertThat(taskState(taskId)).isEqualTo("ERROR/ABORTED");
  }

  /**
   * What a process that died taking a snapshot for a clone since deleted leaves behind; {@code
   * writer} wrote the journal last, {@code minutesIdle} ago.
   */
  private String orphanTaskMidSnapshot(
      String source, String cloneUid, String nonce, UUID writer, int minutesIdle) {
    UUID task = UUID.randomUUID();
    UUID crashed = writer;
    sql(
        "INSERT INTO clone_task (id, clone_namespace, clone_name, clone_uid, state, queued_at,"
            + " deadline, max_restarts, requested_spec) VALUES (?, ?, 'gone', ?, 'RUNNING',"
            + " now(), now() + interval '1 hour', 3, ?::jsonb)",
        task,
        namespace,
        cloneUid,
        "{\"source\":{\"kind\":\"VirtualMachine\",\"name\":\"" + source + "\"}}");
    sql(
        "INSERT INTO workflow_journal (task_id, state, last_incarnation, updated_at)"
            + " VALUES (?, 'PENDING', ?, now() - make_interval(mins => ?))",
        task,
        crashed,
        minutesIdle);
    sql(
        "INSERT INTO journal_entry (task_id, seq, action, state, written_at, incarnation, data)"
            + " VALUES (?, 1, 'SnapshotSource', 'STARTED', now(), ?, ?::jsonb)",
        task,
        crashed,
        MAPPER.createObjectNode().put(CreationKeys.NONCE_FIELD, nonce).toString());
    return task.toString();
  }

  /** The nonce of a crashed attempt's creation key, as the engine writes it. */
  private static String newNonce() {
    return CreationKeys.startedData(MAPPER).get(CreationKeys.NONCE_FIELD).asText();
  }

  /** What proves the crashed attempt's snapshot ours: its key, from the operator's master key. */
  private Ownership snapshotOwnership(String taskId, String nonce) {
    return new Ownership(
        taskId, List.of(creationKeys.keys().key(taskId, ActionNames.SNAPSHOT_SOURCE, nonce)));
  }

  /** A snapshot as the crashed attempt created it: the task's label and its creation mark. */
  private void createOurSnapshot(String source, String cloneUid, Ownership owner) {
    String name = ChildNames.snapshotName(cloneUid);
    GenericKubernetesResource snapshot =
        client
            .getKubernetesSerialization()
            .unmarshal(
                """
        apiVersion: snapshot.kubevirt.io/v1beta1
        kind: VirtualMachineSnapshot
        metadata:
          name: %s
          labels: {vmclone.io/task-id: %s}
          annotations: {%s: %s}
        spec:
          source: {apiGroup: kubevirt.io, kind: VirtualMachine, name: %s}
        """
                    .formatted(
                        name,
                        owner.taskId(),
                        Ownership.MARK_ANNOTATION,
                        owner.mark("VirtualMachineSnapshot", namespace, name),
                        source),
                GenericKubernetesResource.class);
    client.genericKubernetesResources(SNAPSHOT).inNamespace(namespace).resource(snapshot).create();
  }

  private void sql(String statement, Object... parameters) {
    journalTables().update(statement, parameters);
  }
}
