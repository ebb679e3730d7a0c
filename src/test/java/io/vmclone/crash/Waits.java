package io.vmclone.crash;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polling with a limit, for a harness that drives real processes: a wait that runs out throws a
 * {@link HarnessFailure} naming what it waited for. Limits are generous; they bound a stuck case,
 * they never judge how fast something was.
 */
public final class Waits {

  private static final long POLL_MILLIS = 50;

  private Waits() {}

  /** Waits until the check holds; a check that throws counts as not holding yet. */
  public static void until(String what, Duration limit, BooleanSupplier check) {
    until(what, limit, Duration.ofMillis(POLL_MILLIS), check);
  }

  /** {@link #until(String, Duration, BooleanSupplier)} with a poll interval of its own. */
  public static void until(String what, Duration limit, Duration poll, BooleanSupplier check) {
    long deadline = System.nanoTime() + limit.toNanos();
    RuntimeException last = null;
    while (true) {
      try {
        if (check.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        String cause = last == null ? "" : " (last error: " + last.getMessage() + ")";
        throw new HarnessFailure(
            "timed out after " + limit.toSeconds() + "s waiting for " + what + cause);
      }
      sleep(poll.toMillis());
    }
  }

  /** Waits until the supplier gives a value that is not null, and returns it. */
  public static <T> T value(String what, Duration limit, Supplier<T> supplier) {
    Object[] found = new Object[1];
    until(
        what,
        limit,
        () -> {
          found[0] = supplier.get();
          return found[0] != null;
        });
    @SuppressWarnings("unchecked")
    T value = (T) found[0];
    return value;
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessFailure("interrupted");
    }
  }
}
