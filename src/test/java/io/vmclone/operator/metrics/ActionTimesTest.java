package io.vmclone.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.JournalEntry;
import io.vmclone.operator.journal.JournalState;
import io.vmclone.operator.journal.TaskJournal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ActionTimesTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private final List<JournalEntry> entries = new ArrayList<>();

  @Test
  void anActionStartsAtItsOnlyStartedEntry() {
    entry("Redoable", EntryState.STARTED, 0);
    entry("Redoable", EntryState.DONE, 1);
    entry("CopyDisks", EntryState.STARTED, 2);

    assertThat(ActionTimes.firstStart(journal(), "CopyDisks")).contains(T0.plusSeconds(2));
  }

  @Test
  void aRestartedActionStillStartsAtItsFirstStartedEntry() {
    entry("CopyDisks", EntryState.STARTED, 2);
    entry("CopyDisks", EntryState.RESTARTED, 60);
    entry("CopyDisks", EntryState.STARTED, 61);

    assertThat(ActionTimes.firstStart(journal(), "CopyDisks")).contains(T0.plusSeconds(2));
  }

  @Test
  void anActionNotStartedHasNoStart() {
    entry("Redoable", EntryState.STARTED, 0);

    assertThat(ActionTimes.firstStart(journal(), "CopyDisks")).isEmpty();
  }

  private void entry(String action, EntryState state, int second) {
    entries.add(
        new JournalEntry(
            null,
            entries.size() + 1,
            action,
            state,
            null,
            null,
            T0.plusSeconds(second),
            UUID.randomUUID()));
  }

  private TaskJournal journal() {
    return new TaskJournal(null, JournalState.PENDING, entries);
  }
}
