package io.vmclone.operator.workflow.identity;

import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.JournalEntry;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.workflow.action.ActionNames;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the requester's rights must be asked for again: when the last successful check is older than
 * the configured time, or there was none. The last check is read from the journal (the DONE entries
 * of Authorize and of {@value ActionNames#RIGHTS_CHECKED}), so it survives a restart of the
 * operator and a change of leader. Pure: no I/O, no clock of its own.
 */
final class RecheckDecision {

  private RecheckDecision() {}

  /** When the task's rights were last found to stand, if ever. */
  static Optional<Instant> lastCheck(TaskJournal journal) {
    return journal.entries().stream()
        .filter(entry -> entry.state() == EntryState.DONE)
        .filter(
            entry ->
                ActionNames.AUTHORIZE.equals(entry.action())
                    || ActionNames.RIGHTS_CHECKED.equals(entry.action()))
        .map(JournalEntry::writtenAt)
        .max(Instant::compareTo);
  }

  /** Whether a check is due at {@code now}; a check exactly {@code after} old is due. */
  static boolean due(Optional<Instant> lastCheck, Instant now, Duration after) {
    return lastCheck.map(last -> !now.isBefore(last.plus(after))).orElse(true);
  }
}
