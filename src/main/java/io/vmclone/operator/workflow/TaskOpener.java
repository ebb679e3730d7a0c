package io.vmclone.operator.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.api.ClonePolicy;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.config.OperatorConfig;
import io.vmclone.operator.identity.RequesterAnnotation;
import io.vmclone.operator.identity.RequesterIdentity;
import io.vmclone.operator.identity.RequesterPolicyCheck;
import io.vmclone.operator.journal.ActiveLimit;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.journal.NewTask;
import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.operator.journal.TaskState;
import io.vmclone.operator.journal.Tombstone;
import io.vmclone.operator.logging.LogText;
import io.vmclone.operator.metrics.CloneMetrics;
import io.vmclone.operator.spec.GoDuration;
import io.vmclone.operator.spec.SpecError;
import io.vmclone.operator.spec.SpecValidator;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Accepts a clone into the journal: opens its task with the spec as it is now (the task runs that
 * spec to the end, whatever happens to the CR later) and its restart policy. A spec that breaks a
 * rule the CRD cannot express opens an already failed task with reason {@code InvalidSpec}; a clone
 * whose requester is unknown (the admission webhook did not stamp it) one with reason {@code
 * RequesterUnknown}, and one whose requester annotations the API server's requester policy did not
 * check ({@link RequesterPolicyCheck}) one with reason {@code RequesterUnverified}: the operator
 * fails closed rather than act for nobody, or for whoever a client claims to be. A clone whose task
 * was pruned (a tombstone says it ran) opens one with reason {@code TaskPruned}: a clone runs once,
 * even when someone wipes the status that showed it finished.
 */
@ApplicationScoped
public class TaskOpener {

  static final String REQUESTER_UNKNOWN =
      "the clone has no vmclone.io/requester annotation, so who asked for it is unknown: the"
          + " operator's admission webhook did not see it created. Nothing was done; create it"
          + " again with the webhook in place";

  static final String REQUESTER_UNREADABLE =
      "the clone's vmclone.io/requester annotations are not in the operator's format. Nothing was"
          + " done; create it again with the operator's admission webhook in place";

  private static final Logger LOG = Logger.getLogger(TaskOpener.class);

  private final JournalRepository journal;
  private final OperatorConfig config;
  private final CloneMetrics metrics;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final RequesterPolicyCheck policy;

  public TaskOpener(
      JournalRepository journal,
      RequesterPolicyCheck policy,
      OperatorConfig config,
      CloneMetrics metrics,
      ObjectMapper mapper,
      Clock clock) {
    this.journal = journal;
    this.policy = policy;
    this.config = config;
    this.metrics = metrics;
    this.mapper = mapper;
    this.clock = clock;
  }

  /**
   * Opens the task of a clone that has none (the caller looked), or a refused one.
   *
   * @param createdAt the clone's creationTimestamp, from which its timeout runs
   */
  public TaskRecord open(
      String namespace,
      String name,
      String uid,
      Instant createdAt,
      VirtualMachineCloneSpec spec,
      Map<String, String> annotations) {
    Optional<Refusal> refusal =
        journal.findTombstone(uid).map(t -> new Refusal(Reasons.TASK_PRUNED, ranBefore(t)));
    Optional<RequesterIdentity> verified = Optional.empty();
    if (refusal.isEmpty()) {
      refusal = requesterRefusal(annotations, createdAt);
      verified = refusal.isEmpty() ? RequesterAnnotation.read(annotations) : Optional.empty();
    }
    List<SpecError> errors = SpecValidator.validate(spec);
    if (refusal.isEmpty() && !errors.isEmpty()) {
      refusal =
          Optional.of(
              new Refusal(
                  Reasons.INVALID_SPEC,
                  errors.stream().map(SpecError::toString).collect(Collectors.joining("; "))));
    }
    NewTask task = newTask(namespace, name, uid, createdAt, spec, verified, errors.isEmpty());
    return refusal.isPresent()
        ? reject(task, refusal.get().reason(), refusal.get().message())
        : openWithinLimit(task);
  }

  /** The task's row: queued at the clone's creation, its deadline and restarts from its policy. */
  private NewTask newTask(
      String namespace,
      String name,
      String uid,
      Instant createdAt,
      VirtualMachineCloneSpec spec,
      Optional<RequesterIdentity> requester,
      boolean specValid) {
    Instant queuedAt = createdAt == null ? clock.instant() : createdAt;
    ClonePolicy policy = spec == null ? null : spec.getPolicy();
    int maxRestarts =
        policy != null && policy.getMaxRestarts() != null
            ? policy.getMaxRestarts()
            : config.continuous().maxRestarts();
    return new NewTask(
        namespace,
        name,
        uid,
        queuedAt,
        queuedAt.plus(timeout(policy, specValid)),
        maxRestarts,
        specJson(spec),
        requester.map(mapper::<JsonNode>valueToTree).orElse(null));
  }

  /**
   * Why the clone's requester cannot be acted for: no annotation, one not in the operator's format,
   * or one the API server's requester policy did not check when the clone was created.
   */
  private Optional<Refusal> requesterRefusal(Map<String, String> annotations, Instant createdAt) {
    if (annotations == null || !annotations.containsKey(RequesterAnnotation.KEY)) {
      return Optional.of(new Refusal(Reasons.REQUESTER_UNKNOWN, REQUESTER_UNKNOWN));
    }
    if (RequesterAnnotation.read(annotations).isEmpty()) {
      return Optional.of(new Refusal(Reasons.REQUESTER_UNVERIFIED, REQUESTER_UNREADABLE));
    }
    return policy
        .untrustedBecause(createdAt)
        .map(
            why ->
                new Refusal(
                    Reasons.REQUESTER_UNVERIFIED,
                    "who asked for the clone cannot be verified: " + why + ". Nothing was done"));
  }

  private TaskRecord openWithinLimit(NewTask task) {
    int max = config.clone().maxActivePerNamespace();
    TaskRecord opened =
        journal.openTask(
            task,
            new ActiveLimit(
                max,
                Reasons.TOO_MANY_CLONES,
                "namespace "
                    + task.cloneNamespace()
                    + " already has "
                    + max
                    + " clones queued or running (vmclone.clone.max-active-per-namespace). Nothing"
                    + " was done; create the clone again when some have finished"));
    if (opened.state() == TaskState.ERROR) {
      metrics.cloneFailed(opened.errorReason());
      LOG.warnf(
          "clone refused (%s): %s", opened.errorReason(), LogText.escape(opened.errorMessage()));
    }
    return opened;
  }

  /** Why a clone is refused as its task opens: a condition reason and a message. */
  private record Refusal(String reason, String message) {}

  /** A clone runs once: its task was pruned, and someone wiped the status that showed it. */
  private static String ranBefore(Tombstone tombstone) {
    return "this clone ran before (task "
        + tombstone.taskId()
        + " ended "
        + tombstone.taskState()
        + (tombstone.completedAt() == null ? "" : " at " + tombstone.completedAt())
        + " and was pruned from the journal at "
        + tombstone.prunedAt()
        + ") and its status was since removed; a clone runs only once, so nothing was done."
        + " Create a new VirtualMachineClone to clone again";
  }

  private TaskRecord reject(NewTask task, String reason, String message) {
    TaskRecord rejected = journal.openRejectedTask(task, reason, message);
    metrics.cloneFailed(reason);
    LOG.warnf("clone refused (%s): %s", reason, LogText.escape(message));
    return rejected;
  }

  /** Whether the spec differs from the one the task runs. */
  public boolean differs(TaskRecord task, VirtualMachineCloneSpec spec) {
    return !specJson(spec).equals(task.requestedSpec());
  }

  private Duration timeout(ClonePolicy policy, boolean valid) {
    if (valid && policy != null && policy.getTimeout() != null) {
      return GoDuration.parse(policy.getTimeout());
    }
    return config.clone().defaultTimeout();
  }

  private JsonNode specJson(VirtualMachineCloneSpec spec) {
    return spec == null ? mapper.createObjectNode() : mapper.valueToTree(spec);
  }
}
