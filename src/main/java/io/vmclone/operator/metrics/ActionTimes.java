package io.vmclone.operator.metrics;

import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.JournalEntry;
import io.vmclone.operator.journal.TaskJournal;
import java.time.Instant;
import java.util.Optional;

/**
 * When an action started, as its journal says. An action's duration runs from its <em>first</em>
 * STARTED entry: after an interruption the action gets a RESTARTED and a new STARTED entry, and
 * measuring from the last one would hide the time the crash and the recovery cost. The timestamps
 * are the journal's, written by whichever process ran each step, so the measure survives a restart
 * and a change of leader.
 */
public final class ActionTimes {

  private ActionTimes() {}

  /** The time of the action's first STARTED entry in the journal, if it has one. */
  public static Optional<Instant> firstStart(TaskJournal journal, String action) {
    return journal.entries().stream()
        .filter(e -> e.action().equals(action) && e.state() == EntryState.STARTED)
        .map(JournalEntry::writtenAt)
        .findFirst();
  }
}
