package io.vmclone.crash;

import io.vmclone.crash.JournalProbe.Standing;
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
  private final Map<String, String> lastEntries;

  private Interruption(String what, Map<String, JournalAt> states, Map<String, String> last) {
    this.what = what;
    this.states = states;
    this.lastEntries = last;
  }

  /**
   * Reads every clone's journal state now, in one snapshot of the database. The epoch must still be
   * the stopped leader's: a snapshot taken after its successor wrote would not show the stop.
   */
  static Interruption capture(
      String what, JournalProbe journal, List<CloneRef> clones, String stoppedLeader) {
    JournalProbe.Snapshot snapshot = journal.snapshot(clones);
    if (!stoppedLeader.equals(snapshot.epochHolder())) {
      throw new HarnessFailure(
          "the journal was read after "
              + snapshot.epochHolder()
              + " took over from "
              + stoppedLeader);
    }
    Map<String, JournalAt> states = new HashMap<>();
    Map<String, String> last = new HashMap<>();
    for (CloneRef clone : clones) {
      Standing standing = snapshot.standings().get(clone.uid());
      states.put(clone.name(), stateOf(standing));
      last.put(clone.name(), standing == null ? "" : standing.lastEntry());
    }
    return new Interruption(what, states, last);
  }

  private static JournalAt stateOf(Standing standing) {
    if (standing == null) {
      return JournalAt.NOT_OPENED;
    }
    return switch (standing.journalState()) {
      case "COMMITTED" -> JournalAt.COMMITTED;
      case "ABORTED" -> JournalAt.ABORTED;
      default ->
          standing.failed()
              ? JournalAt.UNDOING
              : standing.recovering() ? JournalAt.RECOVERING : JournalAt.PENDING;
    };
  }

  /** A stop at which the clones stood as given (by clone name). */
  static Interruption of(String what, Map<String, JournalAt> states) {
    return new Interruption(what, Map.copyOf(states), Map.of());
  }

  /** The clone's last journal entry at the stop ("CopyDisks STARTED"), or "" if it had none. */
  String lastEntry(CloneRef clone) {
    return lastEntries.getOrDefault(clone.name(), "");
  }

  JournalAt of(CloneRef clone) {
    return states.getOrDefault(clone.name(), JournalAt.NOT_OPENED);
  }

  /** How many of the clones this stop interrupted mid-workflow. */
  long interrupted() {
    return states.values().stream().filter(s -> s == JournalAt.PENDING).count();
  }

  String what() {
    return what;
  }

  @Override
  public String toString() {
    return what + " " + states;
  }
}
