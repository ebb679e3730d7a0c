package io.vmclone.operator.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.JournalEntry;
import io.vmclone.operator.journal.JournalState;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.operator.platform.Ownership;
import io.vmclone.testing.TaskRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CreationKeysTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ACTION = "SnapshotSource";

  private final CreationKeys keys = new CreationKeys(master(1));
  private final UUID taskId = UUID.randomUUID();
  private final List<JournalEntry> entries = new ArrayList<>();

  @Test
  void theJournalHoldsOnlyANonceFromWhichNoMarkCanBeMade() {
    String nonce = started(ACTION);
    Ownership owner = keys.ownership(journal(), ACTION);

    String mark = owner.mark("VirtualMachine", "ns", "vm");
    assertThat(owner.proves("VirtualMachine", "ns", "vm", taskId.toString(), mark)).isTrue();
    // Whoever reads the database has the nonce: used as a key, it proves nothing.
    Ownership fromTheDatabase = new Ownership(taskId.toString(), List.of(nonce));
    assertThat(fromTheDatabase.mark("VirtualMachine", "ns", "vm")).isNotEqualTo(mark);
    // Another master key (another installation) derives other keys from the same journal.
    assertThat(new CreationKeys(master(2)).ownership(journal(), ACTION).keys())
        .doesNotContainAnyElementsOf(owner.keys());
  }

  @Test
  void aKeyIsBoundToItsTaskAndAction() {
    String nonce = "n0nce";
    String key = keys.key(taskId.toString(), ACTION, nonce);

    assertThat(keys.key(taskId.toString(), ACTION, nonce)).isEqualTo(key);
    assertThat(keys.key(UUID.randomUUID().toString(), ACTION, nonce)).isNotEqualTo(key);
    assertThat(keys.key(taskId.toString(), "CreateTarget", nonce)).isNotEqualTo(key);
    assertThat(keys.key(taskId.toString(), ACTION, "other")).isNotEqualTo(key);
  }

  @Test
  void everyAttemptOfTheActionCountsAndNothingElse() {
    started(ACTION);
    started("CreateTarget");
    entries.add(entry(ACTION, EntryState.STARTED, MAPPER.createObjectNode().put("other", "x")));
    started(ACTION);

    assertThat(keys.ownership(journal(), ACTION).keys()).hasSize(2);
    assertThat(keys.ownership(journal(), "PowerOn").keys()).isEmpty();
  }

  @Test
  void aShortMasterKeyIsRefused() {
    assertThatThrownBy(() -> new CreationKeys(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  private String started(String action) {
    var data = CreationKeys.startedData(MAPPER);
    entries.add(entry(action, EntryState.STARTED, data));
    return data.get(CreationKeys.NONCE_FIELD).asText();
  }

  private JournalEntry entry(String action, EntryState state, JsonNode data) {
    return new JournalEntry(
        taskId, entries.size() + 1, action, state, data, null, Instant.now(), UUID.randomUUID());
  }

  private TaskJournal journal() {
    TaskRecord task = TaskRecords.task(taskId).build();
    return new TaskJournal(
        task, JournalState.PENDING, List.copyOf(entries), UUID.randomUUID(), null);
  }

  private static byte[] master(int fill) {
    byte[] key = new byte[CreationKeys.MIN_MASTER_BYTES];
    Arrays.fill(key, (byte) fill);
    return key;
  }
}
