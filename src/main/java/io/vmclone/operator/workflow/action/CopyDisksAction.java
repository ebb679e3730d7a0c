package io.vmclone.operator.workflow.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.platform.DiskCopyRequest;
import io.vmclone.operator.platform.DiskCopyState;
import io.vmclone.operator.platform.SnapshotState.VolumeBackup;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.workflow.Action;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.operator.workflow.DoneFacts;
import io.vmclone.operator.workflow.RequesterPlatforms;
import io.vmclone.operator.workflow.TaskContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Copies every backed-up disk of the snapshot into a DataVolume {@code vmclone-<key>-<volume>} in
 * the target namespace (CDI picks CSI clone, smart clone or host-assisted copy) and reports the
 * average progress of the copies. A DataVolume of one of those names that this clone did not create
 * (whatever its labels) fails the clone with {@code NameConflict} and is never deleted.
 *
 * <p>The DataVolumes are created as the requester ({@link RequesterPlatforms}: their preserved
 * token or impersonation, as the target VM), because CDI's admission checks that whoever creates a
 * DataVolume cloning from another namespace may create {@code datavolumes/source} there: the
 * requester's right, not the operator's, which has none. Reading their progress and undoing them
 * use the operator's own account, so the requester's identity is used once per copy, not per poll.
 * A copy an interrupted attempt created carries this task's label and creation mark whoever created
 * it, so the next attempt adopts it.
 */
@ApplicationScoped
public class CopyDisksAction implements Action {

  private final VmPlatform platform;
  private final RequesterPlatforms requester;
  private final TargetPlanner planner;
  private final ObjectMapper mapper;

  public CopyDisksAction(
      VmPlatform platform,
      RequesterPlatforms requester,
      TargetPlanner planner,
      ObjectMapper mapper) {
    this.platform = platform;
    this.requester = requester;
    this.planner = planner;
    this.mapper = mapper;
  }

  @Override
  public String name() {
    return ActionNames.COPY_DISKS;
  }

  @Override
  public int weight() {
    return 90;
  }

  @Override
  public ActionResult execute(TaskContext context) {
    SnapshotData snapshot =
        snapshot(context)
            .orElseThrow(() -> new IllegalStateException("CopyDisks runs after SnapshotSource"));
    List<DiskCopyState> states = ensureCopies(context, copyRequests(context, snapshot));
    for (DiskCopyState state : states) {
      if (state.phase() == DiskCopyState.Phase.FAILED) {
        return ActionResult.failed(
            Reasons.COPY_FAILED,
            "DataVolume "
                + context.targetNamespace()
                + "/"
                + state.name()
                + " failed: "
                + state.message());
      }
    }
    int percent =
        states.isEmpty()
            ? 100
            : states.stream().mapToInt(DiskCopyState::progressPercent).sum() / states.size();
    if (states.stream().allMatch(s -> s.phase() == DiskCopyState.Phase.SUCCEEDED)) {
      return ActionResult.done(
          new DiskCopiesData(states.stream().map(DiskCopyState::name).toList()).toJson(mapper),
          "copied " + states.size() + " disk(s)");
    }
    return ActionResult.inProgress(
        percent, "copying " + states.size() + " disk(s): " + percent + "%");
  }

  @Override
  public void describe(JsonNode done, DoneFacts facts) {
    facts.dataVolumeNames(DiskCopiesData.fromJson(mapper, done).dataVolumes());
  }

  @Override
  public void undo(TaskContext context) {
    Optional<SnapshotData> snapshot = snapshot(context);
    if (snapshot.isEmpty()) {
      return;
    }
    for (VolumeBackup backup : snapshot.get().volumes()) {
      platform.deleteDiskCopy(
          context.targetNamespace(),
          planner.dataVolumeName(context, backup.volumeName()),
          context.ownership(name()));
    }
  }

  private List<DiskCopyRequest> copyRequests(TaskContext context, SnapshotData snapshot) {
    List<DiskCopyRequest> requests = new ArrayList<>();
    for (VolumeBackup backup : snapshot.volumes()) {
      requests.add(
          new DiskCopyRequest(
              context.targetNamespace(),
              planner.dataVolumeName(context, backup.volumeName()),
              context.ownership(name()),
              planner.copySpec(snapshot.namespace(), backup)));
    }
    return requests;
  }

  /** The state of every copy, in order; the missing ones created as the requester. */
  private List<DiskCopyState> ensureCopies(TaskContext context, List<DiskCopyRequest> requests) {
    List<Optional<DiskCopyState>> found = new ArrayList<>();
    for (DiskCopyRequest request : requests) {
      found.add(platform.findDiskCopy(request.namespace(), request.name(), request.owner()));
    }
    if (found.stream().allMatch(Optional::isPresent)) {
      return found.stream().map(Optional::get).toList();
    }
    List<DiskCopyState> states = new ArrayList<>();
    try (RequesterPlatforms.Acting acting = requester.forTask(context)) {
      for (int i = 0; i < requests.size(); i++) {
        states.add(
            found.get(i).isPresent()
                ? found.get(i).get()
                : acting.platform().ensureDiskCopy(requests.get(i)));
      }
    }
    return states;
  }

  private Optional<SnapshotData> snapshot(TaskContext context) {
    return context
        .doneData(ActionNames.SNAPSHOT_SOURCE)
        .map(node -> SnapshotData.fromJson(mapper, node));
  }
}
