package io.vmclone.operator.journal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A task with its workflow journal and all of its entries, read in one transaction.
 *
 * @param entries in journal order (seq ascending)
 * @param lastIncarnation the process that wrote the journal last; {@link Incarnation#HANDED_OVER}
 *     when a process handed it over on a clean shutdown
 * @param recoveringSince when a leader found the task interrupted; null when it is not
 */
public record TaskJournal(
    TaskRecord task,
    JournalState state,
    List<JournalEntry> entries,
    UUID lastIncarnation,
    Instant recoveringSince) {

  /** A journal as a fresh task has it: last written by no one in particular, not in recovery. */
  public TaskJournal(TaskRecord task, JournalState state, List<JournalEntry> entries) {
    this(task, state, entries, Incarnation.HANDED_OVER, null);
  }

  public boolean isRecovering() {
    return recoveringSince != null;
  }

  /** Whether a process handed this unfinished journal over on a clean shutdown. */
  public boolean isHandedOver() {
    return !isFinished() && Incarnation.HANDED_OVER.equals(lastIncarnation);
  }

  /**
   * Whether another process left this unfinished journal: neither this incarnation nor a clean
   * handover wrote it last.
   */
  public boolean isInterruptedFor(UUID incarnation) {
    return !isFinished()
        && !incarnation.equals(lastIncarnation)
        && !Incarnation.HANDED_OVER.equals(lastIncarnation);
  }

  public boolean isFinished() {
    return state != JournalState.PENDING;
  }

  /** The last entry about the action, if any. */
  public Optional<JournalEntry> lastEntryOf(String action) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (entries.get(i).action().equals(action)) {
        return Optional.of(entries.get(i));
      }
    }
    return Optional.empty();
  }

  /** The last entry about the action, if it is in the given state. */
  public Optional<JournalEntry> lastEntryOf(String action, EntryState state) {
    return lastEntryOf(action).filter(entry -> entry.state() == state);
  }
}
