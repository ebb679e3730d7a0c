package io.vmclone.operator.workflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.JournalEntry;
import io.vmclone.operator.journal.JournalState;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.workflow.action.ActionNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** When the requester's rights are asked for again: only when the last check is old. */
class RecheckDecisionTest {

  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration AFTER = Duration.ofMinutes(5);

  @Test
  void aRecentCheckIsNotRepeated() {
    assertThat(RecheckDecision.due(Optional.of(T0), T0.plusSeconds(299), AFTER)).isFalse();
  }

  @Test
  void aCheckAsOldAsTheSettingIsRepeated() {
    assertThat(RecheckDecision.due(Optional.of(T0), T0.plus(AFTER), AFTER)).isTrue();
  }

  @Test
  void anOldCheckIsRepeated() {
    assertThat(RecheckDecision.due(Optional.of(T0), T0.plus(Duration.ofDays(90)), AFTER)).isTrue();
  }

  @Test
  void withoutAnyCheckOneIsDue() {
    assertThat(RecheckDecision.due(Optional.empty(), T0, AFTER)).isTrue();
  }

  @Test
  void aSettingOfZeroChecksEveryTime() {
    assertThat(RecheckDecision.due(Optional.of(T0), T0, Duration.ZERO)).isTrue();
  }

  @Test
  void theLastCheckIsTheLatestOfAuthorizeAndLaterRechecks() {
    TaskJournal journal =
        journal(
            entry(ActionNames.AUTHORIZE, EntryState.DONE, T0),
            entry(ActionNames.FLAG_ENTITIES, EntryState.DONE, T0.plusSeconds(600)),
            entry(ActionNames.RIGHTS_CHECKED, EntryState.DONE, T0.plusSeconds(700)),
            entry(ActionNames.SNAPSHOT_SOURCE, EntryState.STARTED, T0.plusSeconds(701)));

    assertThat(RecheckDecision.lastCheck(journal)).contains(T0.plusSeconds(700));
  }

  @Test
  void aStartedOrFailedAuthorizeIsNoCheck() {
    TaskJournal journal =
        journal(
            entry(ActionNames.AUTHORIZE, EntryState.STARTED, T0),
            entry(ActionNames.AUTHORIZE, EntryState.FAILED, T0.plusSeconds(1)));

    assertThat(RecheckDecision.lastCheck(journal)).isEmpty();
  }

  @Test
  void aCloneBlockedLongAfterAuthorizeIsDueWhenItMovesOn() {
    TaskJournal journal =
        journal(
            entry(ActionNames.AUTHORIZE, EntryState.DONE, T0),
            entry(ActionNames.PRESERVE_SESSION, EntryState.DONE, T0.plusSeconds(1)),
            entry(ActionNames.FLAG_ENTITIES, EntryState.DONE, T0.plus(Duration.ofDays(30))));

    assertThat(
            RecheckDecision.due(
                RecheckDecision.lastCheck(journal), T0.plus(Duration.ofDays(30)), AFTER))
        .isTrue();
  }

  private static TaskJournal journal(JournalEntry... entries) {
    return new TaskJournal(null, JournalState.PENDING, new ArrayList<>(List.of(entries)));
  }

  private static JournalEntry entry(String action, EntryState state, Instant at) {
    return new JournalEntry(UUID.randomUUID(), 0, action, state, null, null, at, UUID.randomUUID());
  }
}
