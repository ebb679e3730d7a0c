package io.vmclone.operator.recovery;

import io.vmclone.operator.journal.TaskRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps a big recovery from queueing new work behind it. JOSDK reconciles in the order events came,
 * and a new leader gets an event for every clone at once: with a thousand interrupted clones, a
 * clone applied then waited for the whole recovery (52 s in the benchmark). Recovery work therefore
 * goes through a lane: it waits until the recovery scan has flagged every source (flag, then
 * recover: docs/design.md#recovery), and then takes one of a few slots, leaving the other reconcile
 * threads to new clones. A reconcile that finds the lane full returns at once and waits in line;
 * each slot given back wakes the next in line (retrying at random moments instead left slots idle
 * and made the recovery slower than no lane at all).
 *
 * <p>The line is fair, not first in first out: once the scan has found the interrupted tasks, the
 * next to go is the first of them in {@link FairOrder} (namespaces take turns, oldest first within
 * one), so that one namespace's many interrupted clones cannot starve another's; a reconcile that
 * arrives while a clone ahead of it in that order waits gets in line too. Reconciles whose order is
 * not known (before the scan reports) come after, in the order they arrived.
 *
 * <p>Recovery work is the reconcile of a clone that had started before this replica led (its status
 * names a task) while the scan has not yet said which tasks were interrupted, or of one whose task
 * the scan found interrupted, until its journal no longer recovers.
 */
@ApplicationScoped
public class RecoveryLane {

  /** Reconcile threads kept for everything that is not recovery. */
  static final int KEPT_FOR_NEW_WORK = 4;

  /** A reconcile in line looks again after this even if no wake-up came (one may be lost). */
  private static final Duration SAFETY_NET = Duration.ofSeconds(30);

  private final Semaphore slots;
  private final Set<String> recovering = ConcurrentHashMap.newKeySet();

  /** Clone UIDs in their turn to recover, from the scan. */
  private final Map<String, Integer> turns = new ConcurrentHashMap<>();

  /** Who waits, with their wake-up, in the order they arrived; guarded by itself. */
  private final Map<String, Runnable> line = new LinkedHashMap<>();

  private volatile boolean interruptedKnown = true;
  private volatile boolean flagged = true;

  public RecoveryLane(
      @ConfigProperty(name = "quarkus.operator-sdk.concurrent-reconciliation-threads")
          Optional<Integer> threads) {
    this.slots = new Semaphore(Math.max(1, threads.orElse(10) - KEPT_FOR_NEW_WORK));
  }

  /** A pass through the lane; closing it gives its slot back, if it took one. */
  public interface Pass extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Lets a reconcile in, or puts it in line.
   *
   * @param cloneUid the clone's UID
   * @param startedBefore whether the clone's status names a task and is not finished
   * @param wakeUp asks for another reconcile of the clone; called when its turn comes
   * @return a pass, or empty when the reconcile waits in line (and looks again after {@link
   *     #safetyNet()} at the latest)
   */
  public Optional<Pass> enter(String cloneUid, boolean startedBefore, Runnable wakeUp) {
    boolean recoveryWork = interruptedKnown ? recovering.contains(cloneUid) : startedBefore;
    if (!recoveryWork) {
      leaveLine(cloneUid);
      return Optional.of(() -> {});
    }
    synchronized (line) {
      if (flagged && !anyoneAhead(cloneUid) && slots.tryAcquire()) {
        line.remove(cloneUid);
        return Optional.of(this::leave);
      }
      line.put(cloneUid, wakeUp);
    }
    // a slot came free while this one got in line, or one ahead of it must take the slot
    for (int free = slots.availablePermits(); flagged && free > 0; free--) {
      wakeNext();
    }
    return Optional.empty();
  }

  public Duration safetyNet() {
    return SAFETY_NET;
  }

  /** The clone's task runs forward again (or finished): its reconciles are ordinary work again. */
  public void recovered(String cloneUid) {
    recovering.remove(cloneUid);
    leaveLine(cloneUid);
  }

  private void leaveLine(String cloneUid) {
    synchronized (line) {
      line.remove(cloneUid);
    }
  }

  /**
   * This replica leads now; until the scan reports, every clone started before is recovery work.
   */
  void leadershipBegins() {
    recovering.clear();
    turns.clear();
    synchronized (line) {
      line.clear();
    }
    flagged = false;
    interruptedKnown = false;
  }

  /** The scan marked these tasks interrupted; they recover in {@link FairOrder}. */
  void interruptedFound(List<TaskRecord> tasks) {
    List<TaskRecord> fair = FairOrder.of(tasks);
    for (int turn = 0; turn < fair.size(); turn++) {
      turns.putIfAbsent(fair.get(turn).cloneUid(), turn);
    }
    fair.forEach(task -> recovering.add(task.cloneUid()));
    interruptedKnown = true;
  }

  /** The scan flagged every interrupted task's source: recovery may act. */
  void sourcesFlagged() {
    interruptedKnown = true;
    flagged = true;
    for (int free = slots.availablePermits(); free > 0; free--) {
      wakeNext();
    }
  }

  private void leave() {
    slots.release();
    wakeNext();
  }

  private void wakeNext() {
    Runnable wakeUp;
    synchronized (line) {
      String next = null;
      for (String waiting : line.keySet()) {
        if (next == null || turn(waiting) < turn(next)) {
          next = waiting;
        }
      }
      wakeUp = next == null ? null : line.remove(next);
    }
    if (wakeUp != null) {
      wakeUp.run();
    }
  }

  /** Whether a clone whose turn comes before this one's waits in line; hold the line's lock. */
  private boolean anyoneAhead(String cloneUid) {
    int mine = turn(cloneUid);
    return line.keySet().stream()
        .anyMatch(waiting -> !waiting.equals(cloneUid) && turn(waiting) < mine);
  }

  private int turn(String cloneUid) {
    return turns.getOrDefault(cloneUid, Integer.MAX_VALUE);
  }
}
