package io.vmclone.operator.journal;

import java.util.List;
import java.util.Optional;

/**
 * A task with its workflow journal and all of its entries, read in one transaction.
 *
 * @param entries in journal order (seq ascending)
 */
public record TaskJournal(TaskRecord task, JournalState state, List<JournalEntry> entries) {

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
