package io.vmclone.operator.workflow;

import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.operator.journal.TaskState;
import io.vmclone.operator.logging.CloneMdc;
import io.vmclone.operator.logging.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One reconcile's journal round trip for a clone: opens its task if it has none, loads its journal,
 * lets the engine run its actions one after the other while they finish at once (within {@link
 * #CHAIN_BUDGET}), and returns what the status is projected from. Each step's notices go to the
 * caller as soon as the step is journalled, so none is lost when a later step throws. A task a
 * recovery scan marked is told interrupted and decided in one reconcile, which ends there.
 */
@ApplicationScoped
public class CloneStepper {

  private static final Logger LOG = Logger.getLogger(CloneStepper.class);

  /**
   * How long one reconcile goes on with the next action when the last one finished at once. One
   * action per reconcile cost a trip through JOSDK's queue, a journal load and a status patch per
   * action; behind a hundred other clones that trip took most of a clone's time. The budget keeps a
   * reconcile short enough for a clean shutdown to wait for it.
   */
  static final Duration CHAIN_BUDGET = Duration.ofMillis(200);

  private final TaskOpener opener;
  private final JournalRepository journal;
  private final WorkflowEngine engine;
  private final Clock clock;

  public CloneStepper(
      TaskOpener opener, JournalRepository journal, WorkflowEngine engine, Clock clock) {
    this.opener = opener;
    this.journal = journal;
    this.engine = engine;
    this.clock = clock;
  }

  /**
   * Steps the clone as far as it goes now.
   *
   * @param running receives the id of the clone's unfinished task before any of its actions runs,
   *     so that whatever the actions create can be told apart as this clone's from the first
   * @param publish receives each step's notices, for events
   * @return empty when there is nothing to do: a finished clone whose task was pruned from the
   *     journal (its status is all that is left of it, and it must not be cloned again)
   */
  public Optional<Advance> advance(
      CloneRequest clone, Consumer<UUID> running, Consumer<List<Notice>> publish) {
    Optional<TaskRecord> existing = journal.findTaskByCloneUid(clone.uid());
    if (existing.isEmpty() && clone.showsFinished() && clone.shownTaskId() != null) {
      return Optional.empty();
    }
    TaskRecord task =
        existing.orElseGet(
            () ->
                opener.open(
                    clone.namespace(),
                    clone.name(),
                    clone.uid(),
                    clone.createdAt(),
                    clone.spec(),
                    clone.annotations()));
    CloneMdc.task(task.id());
    if (clone.newGeneration() && opener.differs(task, clone.spec())) {
      publish.accept(List.of(specChangeIgnored(clone.generation())));
    }
    TaskJournal before = journal.load(task.id()).orElseThrow();
    if (!before.isFinished()) {
      running.accept(task.id());
    }
    if (before.isFinished() && task.state() == TaskState.ERROR && !clone.showsFinished()) {
      // Refused as it opened (no step told it), or its status was wiped: told once.
      publish.accept(List.of(Notice.warning(task.errorReason(), task.errorMessage())));
    }
    if (before.isRecovering() && !before.isFinished() && !clone.showsRecovering()) {
      return Optional.of(announceAndDecide(before, publish));
    }
    StepOutcome outcome = engine.step(before);
    publish.accept(outcome.notices());
    return Optional.of(chain(before, outcome, publish));
  }

  /** Fails the clone's running task, if it has one, and undoes what it created. */
  public void cancel(
      String cloneUid, String reason, String message, Consumer<List<Notice>> publish) {
    Optional<TaskRecord> task = journal.findTaskByCloneUid(cloneUid);
    if (task.isPresent()) {
      CloneMdc.task(task.get().id());
      TaskJournal loaded = journal.load(task.get().id()).orElseThrow();
      publish.accept(engine.cancel(loaded, reason, message).notices());
    }
  }

  /**
   * Tells a recovery a scan marked (its Interrupted notice) and decides it in the same reconcile,
   * so that the status is patched once, with the decision. When the decision throws, the clone
   * shows Recovering, as after the notice alone, and the next reconcile decides again and tells
   * what went wrong: the notice goes out once however often deciding fails.
   */
  private Advance announceAndDecide(TaskJournal before, Consumer<List<Notice>> publish) {
    StepOutcome announced = engine.announceRecovery(before);
    publish.accept(announced.notices());
    StepOutcome decided;
    try {
      decided = engine.step(before);
    } catch (RuntimeException e) {
      LOG.infof(
          "recovery decided next reconcile, this one could not: %s", LogText.escape(e.toString()));
      return chain(before, announced, publish);
    }
    publish.accept(decided.notices());
    return chain(before, decided, publish);
  }

  /**
   * Goes on while actions finish at once, except in a recovery reconcile: that ends with its
   * decision.
   */
  private Advance chain(TaskJournal before, StepOutcome first, Consumer<List<Notice>> publish) {
    StepOutcome outcome = first;
    TaskJournal after = reloaded(before, outcome);
    long chainEnd = System.nanoTime() + CHAIN_BUDGET.toNanos();
    boolean chains = !before.isRecovering();
    while (chains && outcome.kind() == StepOutcome.Kind.ADVANCED && System.nanoTime() < chainEnd) {
      outcome = engine.step(after);
      after = reloaded(after, outcome);
      publish.accept(outcome.notices());
    }
    return new Advance(
        outcome,
        engine.facts(after, outcome),
        after.isRecovering() && !after.isFinished(),
        underWay(outcome, after));
  }

  private TaskJournal reloaded(TaskJournal before, StepOutcome outcome) {
    return outcome.kind() == StepOutcome.Kind.FINISHED
        ? before
        : journal.load(before.task().id()).orElseThrow();
  }

  private Duration underWay(StepOutcome outcome, TaskJournal after) {
    return after
        .lastEntryOf(outcome.action(), EntryState.STARTED)
        .map(started -> Duration.between(started.writtenAt(), clock.instant()))
        .orElse(null);
  }

  private static Notice specChangeIgnored(long generation) {
    return Notice.warning(
        Reasons.SPEC_CHANGE_IGNORED,
        "the spec changed after the clone started (generation "
            + generation
            + "); the clone goes on with the spec it started with");
  }
}
