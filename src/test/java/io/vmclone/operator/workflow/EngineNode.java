package io.vmclone.operator.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.journal.Incarnation;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.journal.LeaderEpoch;
import io.vmclone.operator.journal.NewTask;
import io.vmclone.operator.journal.RecoveryRepository;
import io.vmclone.operator.journal.RecoveryResolutions;
import io.vmclone.operator.metrics.CloneMetrics;
import io.vmclone.operator.workflow.action.RedoableAction;
import io.vmclone.testing.Leaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * One operator process as the engine sees it: an incarnation, a leadership epoch, the journal and
 * recovery repositories on a shared real database, and the engine over a scripted workflow. Two
 * nodes on one database play a process and its successor.
 */
final class EngineNode {

  static final ObjectMapper MAPPER = new ObjectMapper();

  final Incarnation incarnation = new Incarnation();
  final LeaderEpoch epoch;
  final JournalRepository journal;
  final RecoveryRepository recovery;
  final RecoveryResolutions resolutions;
  final RecordingSourceFlags flags = new RecordingSourceFlags();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final StepReporter reporter = new StepReporter(new CloneMetrics(meters));
  private final DataSource dataSource;
  private Optional<ActionResult.Failed> identity = Optional.empty();
  private RuntimeException identityError;
  private final Workflow workflow;

  EngineNode(String name, DataSource dataSource, Workflow workflow, Instant now) {
    this.dataSource = dataSource;
    this.workflow = workflow;
    this.epoch = Leaders.leading(name);
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    this.journal = new JournalRepository(dataSource, MAPPER, incarnation, epoch, clock);
    this.recovery = new RecoveryRepository(dataSource, MAPPER, incarnation, epoch, clock);
    this.resolutions = new RecoveryResolutions(dataSource, MAPPER, incarnation, epoch, clock);
  }

  /** Opens a task of clone default/c from VirtualMachine vm with an hour to go. */
  UUID openTask(Instant now, int maxRestarts) {
    return journal
        .openTask(
            new NewTask(
                "default",
                "c",
                UUID.randomUUID().toString(),
                now,
                now.plus(Duration.ofHours(1)),
                maxRestarts,
                MAPPER
                    .createObjectNode()
                    .set(
                        "source",
                        MAPPER.createObjectNode().put("kind", "VirtualMachine").put("name", "vm"))))
        .id();
  }

  WorkflowEngine engine(Instant now) {
    return engine(now, true);
  }

  WorkflowEngine engine(Instant now, boolean continuousEnabled) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    Recovery recovery =
        new Recovery(
            workflow,
            resolutions,
            this.recovery,
            flags,
            new RedoableAction(MAPPER, continuousEnabled),
            context -> {
              if (identityError != null) {
                throw identityError;
              }
              return identity;
            },
            reporter);
    return new WorkflowEngine(
        workflow,
        journal,
        recovery,
        RightsCheck.none(),
        CrashPoints.none(),
        reporter,
        incarnation,
        CreationKeySource.fixed(new byte[CreationKeys.MIN_MASTER_BYTES]),
        MAPPER,
        clock);
  }

  /** From now on, recovery finds the requester's identity revoked. */
  void revokeIdentity(String why) {
    identity = Optional.of(ActionResult.failed(Reasons.IDENTITY_REVOKED, why));
  }

  /** From now on (null: no longer), reviving the requester's identity throws this. */
  void identityCheckThrows(RuntimeException error) {
    identityError = error;
  }

  DataSource dataSource() {
    return dataSource;
  }
}
