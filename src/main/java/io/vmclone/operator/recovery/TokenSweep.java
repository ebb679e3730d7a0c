package io.vmclone.operator.recovery;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.config.OperatorConfig;
import io.vmclone.operator.identity.SessionTokens;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.journal.LeaderEpoch;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.workflow.Notice;
import io.vmclone.operator.workflow.NoticePublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Removes preserved tokens whose clone finished: every {@code
 * vmclone.identity.token-sweep-interval}, the leader deletes each token Secret in its namespace
 * whose task is finished in its journal (success, failure, cancel), so that a Secret that Release
 * or undo could not delete is tried again until it is gone. Each failed attempt is a Warning event
 * {@code TokenNotRemoved} on the clone, if it still exists. Secrets of tasks this journal does not
 * know are left alone: they may belong to another installation sharing the namespace.
 */
@ApplicationScoped
public class TokenSweep {

  private static final Logger LOG = Logger.getLogger(TokenSweep.class);

  private final SessionTokens tokens;
  private final JournalRepository journal;
  private final LeaderEpoch epoch;
  private final NoticePublisher events;
  private final KubernetesClient client;
  private final OperatorConfig config;
  private ScheduledExecutorService timer;

  public TokenSweep(
      SessionTokens tokens,
      JournalRepository journal,
      LeaderEpoch epoch,
      NoticePublisher events,
      KubernetesClient client,
      OperatorConfig config) {
    this.tokens = tokens;
    this.journal = journal;
    this.epoch = epoch;
    this.events = events;
    this.client = client;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    long every = config.identity().tokenSweepInterval().toMillis();
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "token-sweep");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(this::sweepIfLeader, every, every, TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  void sweepIfLeader() {
    if (!epoch.isLeader()) {
      return;
    }
    try {
      sweep();
    } catch (RuntimeException e) {
      LOG.warnf(
          "token sweep failed (%s); next try in %s",
          e.getMessage(), config.identity().tokenSweepInterval());
    }
  }

  /** One pass: deletes the token Secrets of finished tasks; returns how many it deleted. */
  public int sweep() {
    int deleted = 0;
    for (Map.Entry<String, String> kept : tokens.kept().entrySet()) {
      Optional<TaskJournal> task = task(kept.getValue()).filter(TaskJournal::isFinished);
      if (task.isPresent() && remove(kept.getKey(), task.get())) {
        deleted++;
      }
    }
    return deleted;
  }

  private boolean remove(String secretName, TaskJournal task) {
    String taskId = task.task().id().toString();
    try {
      tokens.delete(secretName, taskId);
      LOG.infof("token sweep: deleted the preserved token of finished task %s", taskId);
      return true;
    } catch (RuntimeException e) {
      // The next try first: an API server's error message can be long, and events are cut.
      String message =
          "the preserved token Secret "
              + tokens.namespace()
              + "/"
              + secretName
              + " of this finished clone could not be deleted; trying again in "
              + config.identity().tokenSweepInterval()
              + ": "
              + e.getMessage();
      LOG.warn(message);
      warn(task, message);
      return false;
    }
  }

  private void warn(TaskJournal task, String message) {
    VirtualMachineClone clone =
        client
            .resources(VirtualMachineClone.class)
            .inNamespace(task.task().cloneNamespace())
            .withName(task.task().cloneName())
            .get();
    if (clone != null && task.task().cloneUid().equals(clone.getMetadata().getUid())) {
      events.publish(clone, Notice.warning(Reasons.TOKEN_NOT_REMOVED, message));
    }
  }

  private Optional<TaskJournal> task(String taskId) {
    try {
      return journal.load(UUID.fromString(taskId));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
