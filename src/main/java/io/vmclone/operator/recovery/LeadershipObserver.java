package io.vmclone.operator.recovery;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.vmclone.operator.config.LeadershipChange;
import io.vmclone.operator.config.ReplicaIdentity;
import io.vmclone.operator.journal.LeaderEpoch;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes this process the journal's writer when it wins leader election (or at start, in profiles
 * without leader election) and starts the recovery scan on a thread of its own, so that neither the
 * elector thread nor new clones wait for it. A lease lost other than by a clean shutdown stops the
 * process, as JOSDK would: a replica that no longer leads must not act.
 */
@ApplicationScoped
public class LeadershipObserver {

  private static final Logger LOG = Logger.getLogger(LeadershipObserver.class);
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final LeaderEpoch epoch;
  private final RecoveryScan scan;
  private final RecoveryLane lane;
  private final ReplicaIdentity replica;
  private final List<String> electionProfiles;
  private final AtomicBoolean shuttingDown = new AtomicBoolean();
  private volatile boolean elected = true;
  private final ExecutorService scans =
      Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "recovery-scan"));

  public LeadershipObserver(
      LeaderEpoch epoch,
      RecoveryScan scan,
      RecoveryLane lane,
      ReplicaIdentity replica,
      @ConfigProperty(
              name = "quarkus.operator-sdk.activate-leader-election-for-profiles",
              defaultValue = "prod")
          List<String> electionProfiles) {
    this.epoch = epoch;
    this.scan = scan;
    this.lane = lane;
    this.replica = replica;
    this.electionProfiles = electionProfiles;
  }

  void onStart(@Observes @Priority(1) StartupEvent event) {
    elected = ConfigUtils.getProfiles().stream().anyMatch(electionProfiles::contains);
    if (!elected) {
      LOG.info("no leader election in this profile: this process writes the journal alone");
      lead();
    }
  }

  void onLeadership(@Observes LeadershipChange change) {
    if (change.leading()) {
      LOG.infof("%s leads now: starting recovery", change.identity());
      lead();
    } else if (!shuttingDown.get()) {
      LOG.errorf("%s lost the lease: stopping so that only the leader acts", change.identity());
      epoch.stepDown();
      new Thread(() -> System.exit(1), "lost-lease-exit").start();
    }
  }

  /** Whether replicas elect a leader (else this process is the only writer). */
  boolean electionActive() {
    return elected;
  }

  /** A clean shutdown gives the lease up on purpose; losing it then is expected. */
  void shuttingDown() {
    shuttingDown.set(true);
  }

  private void lead() {
    lane.leadershipBegins();
    epoch.becomeLeader(replica.name());
    scans.submit(this::scanUntilDone);
  }

  private void scanUntilDone() {
    while (epoch.isLeader()) {
      try {
        scan.run();
        return;
      } catch (RuntimeException e) {
        LOG.warnf("recovery scan failed (%s); retrying in %s", e.getMessage(), RETRY);
        sleep();
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(RETRY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
