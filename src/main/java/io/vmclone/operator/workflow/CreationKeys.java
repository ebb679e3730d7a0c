package io.vmclone.operator.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.JournalEntry;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.platform.Ownership;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The creation key of each attempt of an action, kept in the data of its STARTED entry (see {@link
 * Ownership}). The entry is committed before the side effect, so every object an attempt creates is
 * marked with a key the journal already holds, even if the process dies before it records the
 * object.
 */
public final class CreationKeys {

  static final String FIELD = "creationKey";

  private static final SecureRandom RANDOM = new SecureRandom();

  private CreationKeys() {}

  /** The data of a new STARTED entry: a fresh random key of 256 bits. */
  public static ObjectNode startedData(ObjectMapper mapper) {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return mapper
        .createObjectNode()
        .put(FIELD, Base64.getUrlEncoder().withoutPadding().encodeToString(key));
  }

  /** What proves the action's objects ours: the keys of all its STARTED entries, in order. */
  static Ownership of(TaskJournal journal, String action) {
    List<String> keys = new ArrayList<>();
    for (JournalEntry entry : journal.entries()) {
      JsonNode key = entry.data() == null ? null : entry.data().get(FIELD);
      if (entry.action().equals(action)
          && entry.state() == EntryState.STARTED
          && key != null
          && key.isTextual()) {
        keys.add(key.asText());
      }
    }
    return new Ownership(journal.task().id().toString(), keys);
  }
}
