package io.vmclone.operator.recovery;

import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.ShutdownEvent;
import io.vmclone.operator.journal.LeaderEpoch;
import io.vmclone.operator.journal.RecoveryRepository;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * On SIGTERM the leader hands over instead of leaving its successor to wait out the lease: it stops
 * taking work (JOSDK stops dispatching and waits for the reconciles in flight), marks its
 * unfinished tasks as handed over (the next leader continues them without counting a restart),
 * stops writing, and releases the Lease. A step that fails only makes the handover slower: the
 * successor then recovers the tasks as interrupted, after the lease expires.
 */
@ApplicationScoped
public class GracefulHandover {

  private static final Logger LOG = Logger.getLogger(GracefulHandover.class);

  private final LeaderEpoch epoch;
  private final RecoveryRepository recovery;
  private final LeadershipObserver leadership;
  private final LeaseRelease lease;
  private final Operator operator;

  public GracefulHandover(
      LeaderEpoch epoch,
      RecoveryRepository recovery,
      LeadershipObserver leadership,
      LeaseRelease lease,
      Operator operator) {
    this.epoch = epoch;
    this.recovery = recovery;
    this.leadership = leadership;
    this.lease = lease;
    this.operator = operator;
  }

  void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
    if (!epoch.isLeader() || !leadership.electionActive()) {
      return;
    }
    long start = System.nanoTime();
    leadership.shuttingDown();
    try {
      operator.stop();
    } catch (RuntimeException e) {
      LOG.warnf("stopping the controllers: %s", e.getMessage());
    }
    int handedOver = handOver();
    epoch.stepDown();
    boolean released = lease.release();
    LOG.infof(
        "handover: %d task(s) handed over, lease %s, in %d ms",
        handedOver, released ? "released" : "not held", (System.nanoTime() - start) / 1_000_000);
  }

  private int handOver() {
    try {
      return recovery.handOver();
    } catch (RuntimeException e) {
      LOG.warnf(
          "could not hand the tasks over (%s); the next leader recovers them", e.getMessage());
      return 0;
    }
  }
}
