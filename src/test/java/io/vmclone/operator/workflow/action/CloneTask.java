package io.vmclone.operator.workflow.action;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.journal.EntityLock;
import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.operator.workflow.Action;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.operator.workflow.CreationKeys;
import io.vmclone.operator.workflow.TaskContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One clone's task, opened in the real journal, driven action by action in the engine's write
 * order: a STARTED entry before the first execute, a DONE entry with the action's data after it.
 * Earlier actions are run for real to give later ones the data they read.
 */
final class CloneTask {

  private final ActionFixture fixture;
  private final TaskRecord task;

  CloneTask(ActionFixture fixture, TaskRecord task) {
    this.fixture = fixture;
    this.task = task;
  }

  UUID id() {
    return task.id();
  }

  String taskId() {
    return task.id().toString();
  }

  String cloneUid() {
    return task.cloneUid();
  }

  /** The context the engine would give an action now: the journal as stored, the opened spec. */
  TaskContext context() {
    TaskJournal loaded = fixture.journal.load(task.id()).orElseThrow();
    try {
      VirtualMachineCloneSpec spec =
          fixture.mapper.treeToValue(loaded.task().requestedSpec(), VirtualMachineCloneSpec.class);
      return new TaskContext(loaded, spec, Instant.now(), fixture.creationKeys);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs the workflow's actions before the named one to DONE. */
  CloneTask completeBefore(String actionName) {
    for (Action action : fixture.workflow()) {
      if (action.name().equals(actionName)) {
        return this;
      }
      complete(action);
    }
    throw new IllegalArgumentException("no action " + actionName);
  }

  /** Runs every action of the workflow to DONE. */
  CloneTask completeAll() {
    fixture.workflow().forEach(this::complete);
    return this;
  }

  /** Writes STARTED (once), polls the action until it is DONE, then writes DONE with its data. */
  ActionResult.Done complete(Action action) {
    ActionResult result = settle(action);
    if (!(result instanceof ActionResult.Done done)) {
      throw new AssertionError(action.name() + " did not finish: " + result);
    }
    fixture.journal.append(task.id(), action.name(), EntryState.DONE, done.data(), done.message());
    return done;
  }

  /** Writes STARTED (once) and polls the action while it answers InProgress or Blocked. */
  ActionResult settle(Action action) {
    return await()
        .atMost(ActionFixture.PATIENCE)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> execute(action),
            r -> !(r instanceof ActionResult.InProgress || r instanceof ActionResult.Blocked));
  }

  /** Writes STARTED unless the action has a STARTED entry already, then executes it once. */
  ActionResult execute(Action action) {
    start(action);
    return action.execute(context());
  }

  /**
   * Writes STARTED for the action, with a creation key as the engine writes it, unless it is the
   * action's last entry.
   */
  void start(Action action) {
    if (context().journal().lastEntryOf(action.name(), EntryState.STARTED).isEmpty()) {
      fixture.journal.append(
          task.id(),
          action.name(),
          EntryState.STARTED,
          CreationKeys.startedData(fixture.mapper),
          null);
    }
  }

  /**
   * Plays a crash during the action and the restart recovery decides: a RESTARTED entry, after
   * which the action starts afresh with a new STARTED entry and a new creation key.
   */
  void restart(Action action) {
    fixture.resolutions.restart(task.id(), action.name(), "restarted after a crash");
  }

  /** Undoes the action with the journal as it is now (DONE or only STARTED). */
  void undo(Action action) {
    action.undo(context());
  }

  /** What the action recorded in its DONE entry. */
  JsonNode doneData(String actionName) {
    return context()
        .doneData(actionName)
        .orElseThrow(() -> new AssertionError(actionName + " is not DONE"));
  }

  List<EntityLock> locks() {
    return fixture.locks.heldBy(task.id());
  }
}
