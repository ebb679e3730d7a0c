package io.vmclone.crash;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vmclone.crash.JournalProbe.EntryRow;
import io.vmclone.crash.JournalProbe.TaskRow;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.JournalTailEntry;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.api.VirtualMachineCloneStatus;
import io.vmclone.testing.KubeVirtKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The invariants of a finished clone (issue 3, point 6), checked against the API server and
 * PostgreSQL: the outcome and restarts the {@link Expectation} demands; exactly one target VM for a
 * success and none for a failure; no temporary snapshot, no DataVolume of a failure, no entity
 * flag, no finalizer or in-recovery annotation of ours on the source; a gap-free journal ending
 * COMMITTED or ABORTED, consistent with the task row and the CR; a status journal tail equal to the
 * last entries in PostgreSQL. Returns the violations, empty when all hold.
 */
final class InvariantChecker {

  static final String TASK_LABEL = "vmclone.io/task-id";
  static final String IN_RECOVERY = "vmclone.io/in-recovery";

  private final KubernetesClient client;
  private final String namespace;
  private final JournalProbe journal;

  InvariantChecker(KubernetesClient client, String namespace, JournalProbe journal) {
    this.client = client;
    this.namespace = namespace;
    this.journal = journal;
  }

  List<String> check(CloneRef clone, Expectation expected) {
    List<String> problems = new ArrayList<>();
    VirtualMachineClone cr =
        client
            .resources(VirtualMachineClone.class)
            .inNamespace(namespace)
            .withName(clone.name())
            .get();
    Optional<TaskRow> task = journal.task(clone.uid());
    if (cr == null || cr.getStatus() == null || task.isEmpty()) {
      problems.add("no clone, status or task (clone " + (cr != null) + ", task " + task + ")");
      return prefixed(clone, problems);
    }
    VirtualMachineCloneStatus status = cr.getStatus();
    TaskRow row = task.get();
    List<EntryRow> entries = journal.entries(row.id());
    outcome(expected, status, row, problems);
    restarts(expected, status, row, entries, problems);
    journalShape(expected, entries, problems);
    tail(status, entries, problems);
    leftovers(clone, expected, row, status, problems);
    return prefixed(clone, problems);
  }

  /** No VM beyond the sources and one per success: nothing duplicated, nothing stray. */
  List<String> checkVmCount(List<CloneRef> clones, long succeeded) {
    int vms = list(KubeVirtKind.VIRTUAL_MACHINE.context(), Map.of()).size();
    long expected = clones.size() + succeeded;
    return vms == expected
        ? List.of()
        : List.of("namespace holds " + vms + " VMs, expected " + expected);
  }

  private void outcome(
      Expectation expected, VirtualMachineCloneStatus status, TaskRow row, List<String> problems) {
    if (status.getPhase() != expected.phase()) {
      problems.add("phase " + status.getPhase() + ", expected " + expected);
    }
    if (!row.id().toString().equals(status.getTaskId())) {
      problems.add("status.taskId " + status.getTaskId() + " is not task " + row.id());
    }
    String taskState = expected.succeeds() ? "SUCCESS" : "ERROR";
    String journalState = expected.succeeds() ? "COMMITTED" : "ABORTED";
    if (!taskState.equals(row.state()) || !journalState.equals(row.journalState())) {
      problems.add(
          "task " + row.state() + ", journal " + row.journalState() + " for " + expected.phase());
    }
    if (expected.reason() != null && !expected.reason().equals(row.errorReason())) {
      problems.add("task error_reason " + row.errorReason() + ", expected " + expected.reason());
    }
    if (expected.phase() == ClonePhase.Failed) {
      String ready = readyReason(status);
      if (row.errorReason() != null && !row.errorReason().equals(ready)) {
        problems.add("Ready reason " + ready + " differs from the task's " + row.errorReason());
      }
    }
  }

  private void restarts(
      Expectation expected,
      VirtualMachineCloneStatus status,
      TaskRow row,
      List<EntryRow> entries,
      List<String> problems) {
    long restartedEntries = entries.stream().filter(e -> e.state().equals("RESTARTED")).count();
    if (row.restarts() != expected.restarts()) {
      problems.add("task restarts " + row.restarts() + ", expected " + expected.restarts());
    }
    if (status.getRestarts() == null || status.getRestarts() != row.restarts()) {
      problems.add("status.restarts " + status.getRestarts() + " != task " + row.restarts());
    }
    if (restartedEntries != row.restarts()) {
      problems.add(restartedEntries + " RESTARTED entries for " + row.restarts() + " restarts");
    }
  }

  private void journalShape(Expectation expected, List<EntryRow> entries, List<String> problems) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).seq() != i + 1) {
        problems.add("journal has a gap: entry " + (i + 1) + " has seq " + entries.get(i).seq());
        return;
      }
    }
    String last = entries.isEmpty() ? "none" : entries.get(entries.size() - 1).state();
    String wanted = expected.succeeds() ? "COMMITTED" : "ABORTED";
    if (!wanted.equals(last)) {
      problems.add("journal ends " + last + ", expected " + wanted);
    }
    long terminal =
        entries.stream()
            .filter(e -> e.state().equals("COMMITTED") || e.state().equals("ABORTED"))
            .count();
    if (terminal != 1) {
      problems.add(terminal + " terminal journal entries");
    }
  }

  private void tail(
      VirtualMachineCloneStatus status, List<EntryRow> entries, List<String> problems) {
    List<JournalTailEntry> tail = status.getJournal() == null ? List.of() : status.getJournal();
    int size = Math.min(20, entries.size());
    List<String> fromDb =
        entries.subList(entries.size() - size, entries.size()).stream()
            .map(e -> e.seq() + " " + e.action() + " " + e.state())
            .toList();
    List<String> fromStatus =
        tail.stream().map(e -> e.getSeq() + " " + e.getAction() + " " + e.getState()).toList();
    if (!fromDb.equals(fromStatus)) {
      problems.add("status journal tail " + fromStatus + " is not PostgreSQL's " + fromDb);
    }
  }

  private void leftovers(
      CloneRef clone,
      Expectation expected,
      TaskRow row,
      VirtualMachineCloneStatus status,
      List<String> problems) {
    String taskId = row.id().toString();
    List<GenericKubernetesResource> targets = labelled(KubeVirtKind.VIRTUAL_MACHINE, taskId);
    int wantedTargets = expected.succeeds() ? 1 : 0;
    if (targets.size() != wantedTargets) {
      problems.add(targets.size() + " target VMs, expected " + wantedTargets);
    } else if (wantedTargets == 1
        && !targets.get(0).getMetadata().getName().equals(status.getTargetName())) {
      problems.add("target VM " + targets.get(0).getMetadata().getName() + " is not the status'");
    }
    int snapshots = labelled(KubeVirtKind.VIRTUAL_MACHINE_SNAPSHOT, taskId).size();
    if (snapshots != 0) {
      problems.add(snapshots + " temporary snapshot(s) left");
    }
    int dataVolumes = labelled(KubeVirtKind.DATA_VOLUME, taskId).size();
    int wantedDataVolumes = expected.succeeds() ? clone.disks() : 0;
    if (dataVolumes != wantedDataVolumes) {
      problems.add(dataVolumes + " DataVolumes, expected " + wantedDataVolumes);
    }
    List<String> flags = journal.flags(row.id());
    if (!flags.isEmpty()) {
      problems.add("entity flags left: " + flags);
    }
    source(clone, problems);
  }

  private void source(CloneRef clone, List<String> problems) {
    GenericKubernetesResource source =
        client
            .genericKubernetesResources(KubeVirtKind.VIRTUAL_MACHINE.context())
            .inNamespace(namespace)
            .withName(clone.source())
            .get();
    if (source == null) {
      problems.add("source VM " + clone.source() + " is gone");
      return;
    }
    List<String> finalizers = source.getMetadata().getFinalizers();
    if (finalizers != null && finalizers.stream().anyMatch(f -> f.startsWith("vmclone.io/"))) {
      problems.add("source keeps finalizers " + finalizers);
    }
    Map<String, String> annotations = source.getMetadata().getAnnotations();
    if (annotations != null && annotations.containsKey(IN_RECOVERY)) {
      problems.add("source keeps " + IN_RECOVERY + "=" + annotations.get(IN_RECOVERY));
    }
  }

  private List<GenericKubernetesResource> labelled(KubeVirtKind kind, String taskId) {
    return list(kind.context(), Map.of(TASK_LABEL, taskId));
  }

  private List<GenericKubernetesResource> list(
      ResourceDefinitionContext kind, Map<String, String> labels) {
    return client
        .genericKubernetesResources(kind)
        .inNamespace(namespace)
        .withLabels(labels)
        .list()
        .getItems();
  }

  private static String readyReason(VirtualMachineCloneStatus status) {
    return status.getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .map(Condition::getReason)
        .findFirst()
        .orElse(null);
  }

  private static List<String> prefixed(CloneRef clone, List<String> problems) {
    return problems.stream().map(p -> clone.name() + ": " + p).toList();
  }
}
