package io.vmclone.operator.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmclone.operator.api.RunStrategy;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.JournalEntry;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.operator.platform.ObjectRef;
import io.vmclone.operator.platform.Ownership;
import io.vmclone.operator.spec.ChildNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything an action knows about its clone: the task and journal as loaded at the start of this
 * step, the spec as requested when the task opened (never the CR's current spec), and the names
 * derived from them.
 *
 * @param creationKeys where the creation keys of the action's attempts come from ({@link
 *     #ownership})
 */
public record TaskContext(
    TaskJournal journal,
    VirtualMachineCloneSpec spec,
    Instant now,
    CreationKeySource creationKeys) {

  public TaskRecord task() {
    return journal.task();
  }

  public String taskId() {
    return task().id().toString();
  }

  public String cloneUid() {
    return task().cloneUid();
  }

  public ObjectRef source() {
    return new ObjectRef(
        spec.getSource().getKind().name(),
        spec.sourceNamespaceIn(task().cloneNamespace()),
        spec.getSource().getName());
  }

  public boolean sourceIsSnapshot() {
    return spec.getSource().getKind() == SourceKind.VirtualMachineSnapshot;
  }

  public String targetNamespace() {
    return spec.targetNamespaceIn(task().cloneNamespace());
  }

  public String targetName() {
    String name = spec.getTarget() == null ? null : spec.getTarget().getName();
    return name == null
        ? ChildNames.defaultTargetName(spec.getSource().getName(), cloneUid())
        : name;
  }

  public RunStrategy runStrategy() {
    return spec.getRunStrategy() == null ? RunStrategy.Halted : spec.getRunStrategy();
  }

  /**
   * What proves an object was created by the action in this task: the creation keys of its STARTED
   * entries ({@link CreationKeys}).
   */
  public Ownership ownership(String action) {
    return creationKeys.keys().ownership(journal, action);
  }

  /** This context with one more journal entry, just written. */
  public TaskContext withEntry(JournalEntry entry) {
    List<JournalEntry> entries = new ArrayList<>(journal.entries());
    entries.add(entry);
    return new TaskContext(
        new TaskJournal(
            journal.task(),
            journal.state(),
            entries,
            journal.lastIncarnation(),
            journal.recoveringSince()),
        spec,
        now,
        creationKeys);
  }

  /** What the action recorded when it was DONE, if it is. */
  public Optional<JsonNode> doneData(String action) {
    return journal.lastEntryOf(action, EntryState.DONE).map(entry -> entry.data());
  }
}
