package io.vmclone.operator.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.JournalEntry;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.platform.Ownership;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The creation key of each attempt of an action (see {@link Ownership}), derived from the
 * operator's master key and a random nonce kept in the data of the attempt's STARTED entry. The
 * entry is committed before the side effect, so every object an attempt creates is marked with a
 * key the next attempt can derive again, even if the process dies before it records the object.
 *
 * <p>The journal holds only the nonce, which is no secret: without the master key (a Secret in the
 * operator's namespace, {@link CreationKeySource}) nobody who reads the database can make a mark.
 * The key is bound to the task and the action as well, so a nonce copied into another task's
 * journal derives another key.
 */
public final class CreationKeys {

  /** The field of a STARTED entry's data that holds the attempt's nonce. */
  public static final String NONCE_FIELD = "creationNonce";

  /** The shortest master key accepted: 256 bits. */
  public static final int MIN_MASTER_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec master;

  /**
   * @param master the operator's master key, at least {@value #MIN_MASTER_BYTES} bytes
   */
  public CreationKeys(byte[] master) {
    if (master.length < MIN_MASTER_BYTES) {
      throw new IllegalArgumentException(
          "a creation master key needs at least " + MIN_MASTER_BYTES + " bytes");
    }
    this.master = new SecretKeySpec(master.clone(), "HmacSHA256");
  }

  /** The data of a new STARTED entry: a fresh random nonce of 256 bits. */
  public static ObjectNode startedData(ObjectMapper mapper) {
    byte[] nonce = new byte[32];
    RANDOM.nextBytes(nonce);
    return mapper
        .createObjectNode()
        .put(NONCE_FIELD, Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
  }

  /**
   * What proves the action's objects ours: the keys of all its STARTED entries, in order. Entries
   * without a nonce (written before creation keys were derived) prove nothing.
   */
  public Ownership ownership(TaskJournal journal, String action) {
    String taskId = journal.task().id().toString();
    List<String> keys = new ArrayList<>();
    for (JournalEntry entry : journal.entries()) {
      JsonNode nonce = entry.data() == null ? null : entry.data().get(NONCE_FIELD);
      if (entry.action().equals(action)
          && entry.state() == EntryState.STARTED
          && nonce != null
          && nonce.isTextual()) {
        keys.add(key(taskId, action, nonce.asText()));
      }
    }
    return new Ownership(taskId, keys);
  }

  /** The creation key of the attempt with this nonce of the task's action. */
  public String key(String taskId, String action, String nonce) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(master);
      byte[] digest =
          mac.doFinal(
              ("vmclone creation key\n" + taskId + "\n" + action + "\n" + nonce)
                  .getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
