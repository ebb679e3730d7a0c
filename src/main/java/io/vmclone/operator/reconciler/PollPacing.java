package io.vmclone.operator.reconciler;

import java.time.Duration;

/**
 * When to look again at a clone whose action is under way. A clone whose objects the operator
 * watches is woken by their changes, so its look is only a safety net ({@code
 * vmclone.polling.safety-net}): at {@code running}, a thousand clones mid-copy kept the reconcile
 * threads busy looking at unchanged copies. Any other clone is polled: a fixed interval made every
 * clone wait at least that long per waiting step, although snapshots of stopped VMs and small
 * copies end in milliseconds; a doubling back-off looks soon after the action started and then less
 * often, up to {@code vmclone.polling.running}, so a copy of minutes costs a handful of extra
 * looks.
 */
final class PollPacing {

  private static final Duration FLOOR = Duration.ofMillis(50);

  private PollPacing() {}

  /**
   * The delay before the next look at a waiting clone.
   *
   * @param watched whether the watch covers the namespaces of the clone's objects
   * @param safetyNet {@code vmclone.polling.safety-net}
   */
  static Duration waiting(boolean watched, Duration waited, Duration running, Duration safetyNet) {
    return watched ? safetyNet : next(waited, running);
  }

  /**
   * The delay before the next look at a clone that is polled.
   *
   * @param waited how long the action has been under way (negative or null when unknown, e.g.
   *     clocks apart)
   * @param running the longest delay, {@code vmclone.polling.running}
   */
  static Duration next(Duration waited, Duration running) {
    Duration first = min(running, max(running.dividedBy(10), FLOOR));
    if (waited == null || waited.isNegative()) {
      return first;
    }
    return min(running, max(first, waited));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
