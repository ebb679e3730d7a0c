package io.vmclone.operator.workflow;

import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.TaskJournal;
import java.util.List;
import java.util.Optional;

/** The ordered actions of a clone and how far a journal has got through them. */
public final class Workflow {

  private final List<Action> actions;
  private final int totalWeight;

  public Workflow(List<Action> actions) {
    this.actions = List.copyOf(actions);
    this.totalWeight = actions.stream().mapToInt(Action::weight).sum();
  }

  public List<Action> actions() {
    return actions;
  }

  /** The first action that is not DONE, or empty when every action is DONE. */
  public Optional<Action> next(TaskJournal journal) {
    return actions.stream().filter(action -> !isDone(journal, action)).findFirst();
  }

  public boolean isDone(TaskJournal journal, Action action) {
    return journal.lastEntryOf(action.name(), EntryState.DONE).isPresent();
  }

  /** Whether the action has an entry that is not UNDONE: it may have left something behind. */
  public boolean needsUndo(TaskJournal journal, Action action) {
    return journal
        .lastEntryOf(action.name())
        .map(entry -> entry.state() != EntryState.UNDONE)
        .orElse(false);
  }

  /** Overall progress 0-100: the weights of DONE actions plus the running one's share. */
  public int progress(TaskJournal journal, Action running, int runningPercent) {
    int done = 0;
    for (Action action : actions) {
      if (isDone(journal, action)) {
        done += action.weight();
      }
    }
    int partial = running == null ? 0 : running.weight() * runningPercent / 100;
    return Math.min(100, (done + partial) * 100 / totalWeight);
  }
}
