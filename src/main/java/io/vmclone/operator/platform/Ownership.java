package io.vmclone.operator.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What proves that an object is one a task created, and not one someone else labelled with the
 * task's id (the id is public: it is in the clone's status).
 *
 * <p>Each attempt of an action has a creation key of its own, derived from the operator's master
 * key (a Secret only the operator reads) and a nonce committed in the attempt's STARTED journal
 * entry before the action creates anything. Every object the action creates carries, next to the
 * {@value VmPlatform#TASK_LABEL} label, the annotation {@value #MARK_ANNOTATION}: an HMAC-SHA256 of
 * the object's kind, namespace and name under that key. No key is ever in the database, the status,
 * an event or a log line, so nobody who may only label or annotate an object, or read the journal,
 * can make a mark that proves it ours; a mark read from one of our objects proves only that object.
 * An object is this task's when it carries the label and a mark made with the key of any attempt of
 * the action: an interrupted attempt's object, created before the crash and never recorded, is
 * adopted by the next attempt.
 *
 * @param taskId the task, the value of the label
 * @param keys the creation keys of the action's attempts, oldest first; the last one marks what is
 *     created now (empty when the action has not started, which proves nothing)
 */
public record Ownership(String taskId, List<String> keys) {

  /** The annotation holding an object's creation mark. */
  public static final String MARK_ANNOTATION = "vmclone.io/creation-mark";

  public Ownership {
    Objects.requireNonNull(taskId, "taskId");
    keys = List.copyOf(keys);
  }

  /**
   * The mark an object created now gets.
   *
   * @throws IllegalStateException if the action has no creation key (it was not STARTED)
   */
  public String mark(String kind, String namespace, String name) {
    if (keys.isEmpty()) {
      throw new IllegalStateException("no creation key: the action has no STARTED entry");
    }
    return mark(keys.get(keys.size() - 1), kind, namespace, name);
  }

  /**
   * Whether an object with this label value and mark was created by one of the action's attempts.
   */
  public boolean proves(String kind, String namespace, String name, String label, String mark) {
    if (!taskId.equals(label) || mark == null) {
      return false;
    }
    byte[] found = mark.getBytes(StandardCharsets.US_ASCII);
    for (String key : keys) {
      byte[] expected = mark(key, kind, namespace, name).getBytes(StandardCharsets.US_ASCII);
      if (MessageDigest.isEqual(expected, found)) {
        return true;
      }
    }
    return false;
  }

  private static String mark(String key, String kind, String namespace, String name) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      byte[] digest =
          mac.doFinal((kind + "/" + namespace + "/" + name).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
