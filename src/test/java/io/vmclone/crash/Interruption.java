package io.vmclone.crash;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each clone's journal stood at the moment the leader stopped working (killed, halted at a
 * crash point, or paused past its lease), read from PostgreSQL before any other replica could
 * write. It tells which clones that stop interrupted.
 */
final class Interruption {

  /** A journal's state at the stop. */
  enum JournalAt {
    /** No task yet: the next leader opens it afresh, nothing was interrupted. */
    NOT_OPENED,
    /** Running forward: interrupted. */
    PENDING,
    /** Marked recovering by an earlier leader that stopped before it settled the task. */
    RECOVERING,
    /** Undoing after a failure: the undo goes on, no restart is counted. */
    UNDOING,
    COMMITTED,
    ABORTED
  }

  private final String what;
  private final Map<String, JournalAt> states;

  private Interruption(String what, Map<String, JournalAt> states) {
    this.what = what;
    this.states = states;
  }

  /** Reads every clone's journal state now. */
  static Interruption capture(String what, JournalProbe journal, List<CloneRef> clones) {
    Map<String, JournalAt> states = new HashMap<>();
    for (CloneRef clone : clones) {
      states.put(clone.name(), stateOf(journal, clone));
    }
    return new Interruption(what, states);
  }

  private static JournalAt stateOf(JournalProbe journal, CloneRef clone) {
    var task = journal.task(clone.uid());
    if (task.isEmpty()) {
      return JournalAt.NOT_OPENED;
    }
    return switch (task.get().journalState()) {
      case "COMMITTED" -> JournalAt.COMMITTED;
      case "ABORTED" -> JournalAt.ABORTED;
      default -> {
        boolean failed =
            journal.entries(task.get().id()).stream().anyMatch(e -> e.state().equals("FAILED"));
        yield failed
            ? JournalAt.UNDOING
            : task.get().recovering() ? JournalAt.RECOVERING : JournalAt.PENDING;
      }
    };
  }

  JournalAt of(CloneRef clone) {
    return states.getOrDefault(clone.name(), JournalAt.NOT_OPENED);
  }

  /** How many of the clones this stop interrupted mid-workflow. */
  long interrupted() {
    return states.values().stream().filter(s -> s == JournalAt.PENDING).count();
  }

  long committed() {
    return states.values().stream().filter(s -> s == JournalAt.COMMITTED).count();
  }

  String what() {
    return what;
  }

  @Override
  public String toString() {
    return what + " " + states;
  }
}
