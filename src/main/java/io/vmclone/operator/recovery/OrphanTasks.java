package io.vmclone.operator.recovery;

import static java.util.stream.Collectors.toSet;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.journal.RecoveryRepository;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.operator.logging.CloneMdc;
import io.vmclone.operator.workflow.WorkflowEngine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Tasks whose clone is gone: no reconcile will ever come for them, so the leader undoes everything
 * they created and closes them with reason {@value Reasons#DELETED}, releasing their locks and
 * making them prunable. The recovery scan does it once for the tasks a previous leader left; {@link
 * #sweep} does it periodically for the rest (a clone deleted after its finalizer was removed by
 * hand leaves its task unfinished under the very leader that ran it).
 *
 * <p>Only tasks idle for a while are swept, so that a reconcile still busy with a clone deleted a
 * moment ago is not raced; a clone is "gone" when no clone with its UID exists, read from the API
 * server after the tasks were loaded (a task opens only for a clone that existed).
 */
@ApplicationScoped
public class OrphanTasks {

  private static final Logger LOG = Logger.getLogger(OrphanTasks.class);

  private final RecoveryRepository recovery;
  private final JournalRepository journal;
  private final WorkflowEngine engine;
  private final KubernetesClient client;

  public OrphanTasks(
      RecoveryRepository recovery,
      JournalRepository journal,
      WorkflowEngine engine,
      KubernetesClient client) {
    this.recovery = recovery;
    this.journal = journal;
    this.engine = engine;
    this.client = client;
  }

  /**
   * Undoes and closes the unfinished tasks idle for {@code idleFor} whose clone is gone; how many.
   */
  public int sweep(Duration idleFor) {
    Map<UUID, String> idle = recovery.idleUnfinished(idleFor);
    if (idle.isEmpty()) {
      return 0;
    }
    Set<String> clones = cloneUids();
    int closed = 0;
    for (Map.Entry<UUID, String> task : idle.entrySet()) {
      if (!clones.contains(task.getValue())) {
        undo(task.getKey());
        closed++;
      }
    }
    return closed;
  }

  /** The UIDs of every clone there is: one list rather than a GET per task. */
  Set<String> cloneUids() {
    return client.resources(VirtualMachineClone.class).inAnyNamespace().list().getItems().stream()
        .map(clone -> clone.getMetadata().getUid())
        .collect(toSet());
  }

  /** Undoes and closes one task whose clone is gone. */
  void undo(UUID taskId) {
    journal.load(taskId).ifPresent(this::undo);
  }

  private void undo(TaskJournal loaded) {
    TaskRecord task = loaded.task();
    try (CloneMdc scope = CloneMdc.open(task.cloneNamespace(), task.cloneName())) {
      CloneMdc.task(task.id());
      engine.cancel(
          loaded,
          Reasons.DELETED,
          "the clone was deleted while no operator acted on it; everything it created was"
              + " undone");
      LOG.infof(
          "task %s of deleted clone %s/%s undone",
          task.id(), task.cloneNamespace(), task.cloneName());
    }
  }
}
