package io.vmclone.operator.recovery;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps a big recovery from queueing new work behind it. JOSDK reconciles in the order events came,
 * and a new leader gets an event for every clone at once: with a thousand interrupted clones, a
 * clone applied then waited for the whole recovery (52 s in the benchmark). Recovery work therefore
 * goes through a lane: it waits until the recovery scan has flagged every source (the design's
 * order: flag, then recover), and then takes one of a few slots, leaving the other reconcile
 * threads to new clones. A reconcile that finds the lane full returns at once and waits in line;
 * each slot given back wakes the next in line (retrying at random moments instead left slots idle
 * and made the recovery slower than no lane at all).
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
  private final Queue<String> line = new ConcurrentLinkedQueue<>();
  private final Map<String, Runnable> wakeUps = new ConcurrentHashMap<>();
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
      return Optional.of(() -> {});
    }
    if (flagged && slots.tryAcquire()) {
      return Optional.of(this::leave);
    }
    if (wakeUps.put(cloneUid, wakeUp) == null) {
      line.add(cloneUid);
    }
    if (flagged && slots.availablePermits() > 0) {
      wakeNext(); // a slot came free while this one got in line
    }
    return Optional.empty();
  }

  public Duration safetyNet() {
    return SAFETY_NET;
  }

  /** The clone's task runs forward again (or finished): its reconciles are ordinary work again. */
  public void recovered(String cloneUid) {
    recovering.remove(cloneUid);
  }

  /**
   * This replica leads now; until the scan reports, every clone started before is recovery work.
   */
  void leadershipBegins() {
    recovering.clear();
    line.clear();
    wakeUps.clear();
    flagged = false;
    interruptedKnown = false;
  }

  /** The scan marked these clones' tasks interrupted. */
  void interruptedFound(Collection<String> cloneUids) {
    recovering.addAll(cloneUids);
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
    for (String next = line.poll(); next != null; next = line.poll()) {
      Runnable wakeUp = wakeUps.remove(next);
      if (wakeUp != null) {
        wakeUp.run();
        return;
      }
    }
  }
}
