package io.vmclone.sandbox;

import io.fabric8.kubernetes.client.utils.Utils;
import java.lang.reflect.Field;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mock API server numbers UIDs from zero in every JVM (fabric8's {@code Utils.generateId}), so
 * a restarted sandbox would hand its new objects the UIDs of the old ones, while the journal in
 * PostgreSQL survives the restart: a new clone would find an old clone's task. Real API servers
 * never reuse a UID; this starts the mock's counter at a random point to behave alike.
 */
final class UniqueUids {

  private UniqueUids() {}

  static void randomize() {
    try {
      Field counter = Utils.class.getDeclaredField("leastSigBits");
      counter.setAccessible(true);
      long start = new SecureRandom().nextLong() & 0x3fff_ffff_ffff_ffffL;
      ((AtomicLong) counter.get(null)).set(start);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot make the mock's UIDs unique across restarts (fabric8 changed?)", e);
    }
  }
}
