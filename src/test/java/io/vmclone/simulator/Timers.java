package io.vmclone.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Delayed and periodic work keyed by object UID, so that a controller starts at most one timer per
 * object however often an informer repeats it.
 */
final class Timers {

  private final ScheduledExecutorService executor;
  private final Consumer<RuntimeException> onFailure;
  private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();

  Timers(ScheduledExecutorService executor, Consumer<RuntimeException> onFailure) {
    this.executor = executor;
    this.onFailure = onFailure;
  }

  boolean pending(String key) {
    return pending.containsKey(key);
  }

  /** Runs the work once after the delay, unless cancelled before. */
  void once(String key, Duration delay, Runnable work) {
    pending.computeIfAbsent(
        key,
        k ->
            executor.schedule(
                () -> {
                  pending.remove(k);
                  guarded(work);
                },
                delay.toMillis(),
                TimeUnit.MILLISECONDS));
  }

  /** Runs the work every interval until it is cancelled (also from within the work). */
  void every(String key, Duration interval, Runnable work) {
    long millis = interval.toMillis();
    pending.computeIfAbsent(
        key,
        k ->
            executor.scheduleWithFixedDelay(
                () -> guarded(work), millis, millis, TimeUnit.MILLISECONDS));
  }

  void cancel(String key) {
    ScheduledFuture<?> future = pending.remove(key);
    if (future != null) {
      future.cancel(false);
    }
  }

  void cancelAll() {
    pending.keySet().forEach(this::cancel);
  }

  private void guarded(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      onFailure.accept(e);
    }
  }
}
