package io.vmclone.operator.journal;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * Whether this process may write the journal, and under which leadership epoch.
 *
 * <p>A process becomes the writer when it wins leader election (or at start, where leader election
 * is off). Its first journal write then takes a new epoch from the database; every later write
 * checks that the epoch is still the current one. A write that finds a newer epoch means another
 * process leads now: this one is <em>fenced</em>, refuses every further write and tells its
 * listeners (which stop the process). Thread-safe.
 */
@ApplicationScoped
public class LeaderEpoch {

  private static final long NONE = -1;

  private final List<LongConsumer> fencedListeners = new CopyOnWriteArrayList<>();
  private volatile String holder;
  private volatile long epoch = NONE;
  private volatile boolean fenced;

  /** This process leads from now on; its next journal write takes a new epoch. */
  public synchronized void becomeLeader(String holderName) {
    if (!fenced) {
      this.holder = holderName;
      this.epoch = NONE;
    }
  }

  /** This process no longer leads; it writes nothing more. */
  public synchronized void stepDown() {
    holder = null;
    epoch = NONE;
  }

  public boolean isLeader() {
    return holder != null && !fenced;
  }

  public boolean isFenced() {
    return fenced;
  }

  /** The epoch this process writes under, or -1 before its first write as leader. */
  public long current() {
    return epoch;
  }

  /** Called with the newer epoch when this process finds itself fenced. */
  public void onFenced(LongConsumer listener) {
    fencedListeners.add(listener);
  }

  String holder() {
    return holder;
  }

  synchronized void hold(long acquired) {
    this.epoch = acquired;
  }

  void fence(long newer) {
    synchronized (this) {
      if (fenced) {
        return;
      }
      fenced = true;
    }
    fencedListeners.forEach(listener -> listener.accept(newer));
  }
}
