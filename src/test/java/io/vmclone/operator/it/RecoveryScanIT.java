package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.journal.EntityLock;
import io.vmclone.operator.journal.Incarnation;
import io.vmclone.operator.journal.RecoveringTask;
import io.vmclone.operator.platform.Ownership;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.recovery.JournalPruner;
import io.vmclone.operator.recovery.RecoveryScan;
import io.vmclone.operator.recovery.SourceFlagging;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.operator.workflow.CreationKeySource;
import io.vmclone.operator.workflow.CreationKeys;
import io.vmclone.operator.workflow.action.ActionNames;
import io.vmclone.testing.OperatorOnControlPlane;
import io.vmclone.testing.PostgresResource;
import io.vmclone.testing.TestControlPlane;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
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
  @Inject SourceFlagging flagging;

  private final List<UUID> unwatchedTasks = new ArrayList<>();
  private static String unwatchedNamespace;

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

  /**
   * A clone whose task the scan marked is told interrupted and decided in one reconcile: it never
   * shows Recovering, yet tells the interruption and the restart once each and counts the restart.
   */
  @Test
  void aCloneTheScanMarkedIsToldAndDecidedWithoutShowingRecovering() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createClone(name, source);
    awaitStep(name, "CopyDisks");
    String taskId = clone(name).getStatus().getTaskId();
    List<ClonePhase> shown = new CopyOnWriteArrayList<>();

    VirtualMachineClone done;
    try (Watch watch = watchPhases(name, shown)) {
      journalTables().interruptAndMark(taskId);
      done = awaitPhase(name, ClonePhase.Succeeded);
    }

    assertThat(done.getStatus().getRestarts()).isEqualTo(1);
    assertThat(shown).contains(ClonePhase.Running).doesNotContain(ClonePhase.Recovering);
    assertThat(events(name))
        .extracting(Event::getReason)
        .containsOnlyOnce("Interrupted", "Restarted");
    assertThat(journal(taskId)).containsSubsequence("CopyDisks STARTED", "CopyDisks RESTARTED");
  }

  /**
   * Each source gets the tasks the journal says recover with it, in one request and no read: the
   * two tasks of a shared source both, a leftover of an earlier leader replaced, a missing source
   * no trouble. The clones live in a namespace no operator watches, so no reconcile settles their
   * tasks while the test looks.
   */
  @Test
  void theScanAnnotatesEachSourceWithExactlyItsRecoveringTasksInOneRequest() {
    String shared = unique("shared");
    createVm(shared);
    String single = unique("single");
    createVm(single, "Halted", "datadisk", vm -> annotateInRecovery(vm, "left-by-an-earlier-one"));
    String missing = unique("missing");
    String first = interruptedTask(shared);
    String second = interruptedTask(shared);
    String alone = interruptedTask(single);
    interruptedTask(missing);
    long before = TestControlPlane.get().auditLog().end();

    assertThat(scan.run()).isEqualTo(4);

    assertThat(inRecovery(shared)).containsExactlyInAnyOrder(first, second);
    assertThat(inRecovery(single)).containsExactly(alone);
    assertThat(operatorCallsOn(before, List.of(shared, single, missing)))
        .containsExactlyInAnyOrder("patch " + shared, "patch " + single, "patch " + missing);
  }

  /**
   * A task can settle, and take its id off its source, while the scan's patches go out; a patch
   * landing after that would keep the id for good. Played here by handing the flagging a task that
   * settled after the journal was read.
   */
  @Test
  void aTaskThatSettledWhileTheSourcesWereWrittenKeepsNoAnnotation() {
    String source = unique("web");
    createVm(source);
    String recovering = interruptedTask(source);
    String settled = interruptedTask(source);
    sql(
        "UPDATE workflow_journal SET recovering_since = now() WHERE task_id = ?",
        UUID.fromString(recovering));

    flagging.flag(List.of(recoveringTask(recovering, source), recoveringTask(settled, source)));

    assertThat(inRecovery(source)).containsExactly(recovering);
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

  /** Records the phase of each version of the clone from now on. */
  private Watch watchPhases(String name, List<ClonePhase> shown) {
    return client
        .resources(VirtualMachineClone.class)
        .inNamespace(namespace)
        .withName(name)
        .watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, VirtualMachineClone clone) {
                if (clone.getStatus() != null && clone.getStatus().getPhase() != null) {
                  shown.add(clone.getStatus().getPhase());
                }
              }

              @Override
              public void onClose(WatcherException cause) {}
            });
  }

  /**
   * A task of a VM source that another incarnation left before its first step, for a clone in a
   * namespace no operator watches; its id.
   */
  private String interruptedTask(String source) {
    VirtualMachineClone clone = newClone(unique("clone"), source, spec -> {});
    clone.getMetadata().setNamespace(unwatched());
    String cloneUid = client.resource(clone).create().getMetadata().getUid();
    UUID task = UUID.randomUUID();
    sql(
        "INSERT INTO clone_task (id, clone_namespace, clone_name, clone_uid, state, queued_at,"
            + " deadline, max_restarts, requested_spec) VALUES (?, ?, 'unwatched', ?, 'QUEUED',"
            + " now(), now() + interval '1 hour', 3, ?::jsonb)",
        task,
        namespace,
        cloneUid,
        "{\"source\":{\"kind\":\"VirtualMachine\",\"name\":\"" + source + "\"}}");
    sql(
        "INSERT INTO workflow_journal (task_id, state, last_incarnation, updated_at)"
            + " VALUES (?, 'PENDING', ?, now())",
        task,
        UUID.randomUUID());
    unwatchedTasks.add(task);
    return task.toString();
  }

  private RecoveringTask recoveringTask(String taskId, String source) {
    return new RecoveringTask(
        UUID.fromString(taskId),
        "uid-" + taskId,
        new EntityLock("VirtualMachine", namespace, source, EntityLock.Mode.SHARED, null));
  }

  /** No reconcile ever comes for these tasks: they end with the test. */
  @AfterEach
  void closeUnwatchedTasks() {
    for (UUID task : unwatchedTasks) {
      sql("UPDATE workflow_journal SET state = 'ABORTED' WHERE task_id = ?", task);
      sql("UPDATE clone_task SET state = 'ERROR' WHERE id = ?", task);
      sql("DELETE FROM entity_flag WHERE task_id = ?", task);
    }
    unwatchedTasks.clear();
  }

  private String unwatched() {
    if (unwatchedNamespace == null) {
      unwatchedNamespace = TestControlPlane.newNamespace("unwatched");
    }
    return unwatchedNamespace;
  }

  private static void annotateInRecovery(GenericKubernetesResource vm, String taskIds) {
    vm.getMetadata().getAnnotations().put(VmPlatform.IN_RECOVERY_ANNOTATION, taskIds);
  }

  /** The task ids the source's in-recovery annotation names (none without one). */
  private List<String> inRecovery(String source) {
    String value = vm(source).getMetadata().getAnnotations().get(VmPlatform.IN_RECOVERY_ANNOTATION);
    return value == null ? List.of() : List.of(value.split(","));
  }

  /** "verb name" of each request the operator made on these VMs after the audit log's point. */
  private List<String> operatorCallsOn(long point, List<String> vms) {
    return TestControlPlane.operatorRequestsSince(
            point,
            e ->
                "virtualmachines".equals(e.resource())
                    && namespace.equals(e.namespace())
                    && vms.contains(e.name()))
        .stream()
        .map(e -> e.verb() + " " + e.name())
        .toList();
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
