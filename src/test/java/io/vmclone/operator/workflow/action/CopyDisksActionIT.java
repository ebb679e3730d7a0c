package io.vmclone.operator.workflow.action;

import static io.vmclone.testing.KubeVirtKind.DATA_VOLUME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.operator.api.CloneTarget;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.operator.platform.SnapshotState.VolumeBackup;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.platform.kubevirt.KubeVirtPlatform;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.operator.workflow.DoneFacts;
import io.vmclone.operator.workflow.RequesterPlatforms;
import io.vmclone.testing.KubeVirtManifests;
import io.vmclone.testing.Requesters;
import io.vmclone.testing.TestControlPlane;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link CopyDisksAction}: one DataVolume per backed-up disk, in the target namespace. */
class CopyDisksActionIT {

  private static ActionFixture fixture;

  private final CopyDisksAction copy = fixture.copyDisks();
  private String ns;

  @BeforeAll
  static void start() {
    fixture = ActionFixture.start(CopyDisksActionIT.class);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @BeforeEach
  void sourceVm() {
    ns = fixture.namespace();
    fixture.createVm(ns, "web");
  }

  @Test
  void executingToDoneCreatesOneDataVolumePerBackedUpDiskNamedAndLabelled() {
    CloneTask task = snapshotted(cloneOf("web", null));

    ActionResult.Done done = task.complete(copy);

    List<String> names = List.of(copyName(task, "rootdisk"), copyName(task, "datadisk"));
    assertThat(done.data().path("dataVolumes")).isEqualTo(fixture.mapper.valueToTree(names));
    DoneFacts facts = new DoneFacts();
    copy.describe(done.data(), facts);
    assertThat(facts.dataVolumeNames()).as("what the status shows").isEqualTo(names);
    assertThat(fixture.labelled(DATA_VOLUME, ns, task.taskId()))
        .containsExactlyInAnyOrderElementsOf(names);
    for (VolumeBackup backup : snapshotData(task).volumes()) {
      ObjectNode dataVolume =
          fixture.cluster.require(DATA_VOLUME, ns, copyName(task, backup.volumeName()));
      assertThat(dataVolume.at("/spec/source/snapshot/name").asText())
          .isEqualTo(backup.volumeSnapshotName());
      assertThat(dataVolume.at("/status/phase").asText()).isEqualTo("Succeeded");
    }
  }

  /**
   * A copy out of another namespace is created as the requester, whose {@code datavolumes/source}
   * there CDI checks (the operator has none); reading and undoing it stay with the operator.
   */
  @Test
  void copiesGoToTheTargetNamespaceReadFromTheSourceNamespaceAndAreCreatedAsTheRequester() {
    String targetNs = fixture.namespace();
    Requesters.grant(ns, List.of("alice"));
    Requesters.grant(targetNs, List.of("alice"));
    CloneTask task = snapshotted(cloneOf("web", new CloneTarget("web-copy", targetNs)));

    try (KubernetesClient alice = TestControlPlane.get().client("alice")) {
      task.complete(copyingAs(alice));
    }

    assertThat(fixture.labelled(DATA_VOLUME, ns, task.taskId())).isEmpty();
    assertThat(fixture.labelled(DATA_VOLUME, targetNs, task.taskId())).hasSize(2);
    ObjectNode root = fixture.cluster.require(DATA_VOLUME, targetNs, copyName(task, "rootdisk"));
    assertThat(root.at("/spec/source/snapshot/namespace").asText()).isEqualTo(ns);
    task.undo(copy);
    assertThat(fixture.labelled(DATA_VOLUME, targetNs, task.taskId())).isEmpty();
  }

  @Test
  void theOperatorAloneIsRefusedACopyOutOfAnotherNamespace() {
    String targetNs = fixture.namespace();
    CloneTask task = snapshotted(cloneOf("web", new CloneTarget("web-copy", targetNs)));

    assertThatThrownBy(() -> task.execute(copy))
        .isInstanceOfSatisfying(
            PlatformException.class, e -> assertThat(e.reason()).isEqualTo("AdmissionDenied"));
    assertThat(fixture.labelled(DATA_VOLUME, targetNs, task.taskId())).isEmpty();
  }

  @Test
  void anAttemptAfterACrashAdoptsTheCopiesTheRequesterCreated() {
    String targetNs = fixture.namespace();
    Requesters.grant(ns, List.of("alice"));
    Requesters.grant(targetNs, List.of("alice"));
    CloneTask task = snapshotted(cloneOf("web", new CloneTarget("web-copy", targetNs)));
    String data = copyName(task, "datadisk");

    try (KubernetesClient alice = TestControlPlane.get().client("alice")) {
      task.execute(copyingAs(alice));
      String uid = fixture.uid(DATA_VOLUME, targetNs, data);
      task.restart(copy);
      task.complete(copyingAs(alice));
      assertThat(fixture.uid(DATA_VOLUME, targetNs, data)).isEqualTo(uid);
    }
    task.undo(copy);
    assertThat(fixture.labelled(DATA_VOLUME, targetNs, task.taskId())).isEmpty();
  }

  /** CopyDisks creating its copies as the user of {@code requester} (not closed by it). */
  private static CopyDisksAction copyingAs(KubernetesClient requester) {
    return new CopyDisksAction(
        fixture.platform,
        context -> new RequesterPlatforms.Acting(new KubeVirtPlatform(requester), null),
        fixture.planner,
        fixture.mapper);
  }

  @Test
  void vmWithoutPersistentDisksNeedsNoCopy() {
    ObjectNode vm = KubeVirtManifests.vm(ns, "ephemeral", "Halted");
    ((ObjectNode) vm.get("spec")).remove("dataVolumeTemplates");
    ArrayNode volumes = (ArrayNode) vm.at("/spec/template/spec/volumes");
    for (int i = volumes.size() - 1; i >= 0; i--) {
      if (volumes.get(i).has("dataVolume") || volumes.get(i).has("persistentVolumeClaim")) {
        volumes.remove(i);
      }
    }
    fixture.cluster.create(vm);
    CloneTask task = snapshotted(cloneOf("ephemeral", null));

    ActionResult result = task.execute(copy);

    assertThat(result).isInstanceOf(ActionResult.Done.class);
    assertThat(((ActionResult.Done) result).data().path("dataVolumes")).isEmpty();
    assertThat(fixture.labelled(DATA_VOLUME, ns, task.taskId())).isEmpty();
  }

  @Test
  void executingAgainAndAgainAfterDoneCreatesNoSecondCopyAndReturnsTheSameData() {
    CloneTask task = snapshotted(cloneOf("web", null));
    String root = copyName(task, "rootdisk");

    ActionResult first = task.execute(copy);
    String uid = fixture.uid(DATA_VOLUME, ns, root);
    ActionResult.Done done = task.complete(copy);
    ActionResult afterDone = task.execute(copy);

    assertThat(first).isEqualTo(ActionResult.inProgress(0, "copying 2 disk(s): 0%"));
    assertThat(afterDone).isEqualTo(done);
    assertThat(fixture.uid(DATA_VOLUME, ns, root)).isEqualTo(uid);
    assertThat(fixture.labelled(DATA_VOLUME, ns, task.taskId())).hasSize(2);
  }

  @Test
  void undoWhileTheCopiesAreInProgressDeletesThem() {
    CloneTask task = snapshotted(cloneOf("web", null));
    assertThat(task.execute(copy)).isInstanceOf(ActionResult.InProgress.class);
    assertThat(fixture.labelled(DATA_VOLUME, ns, task.taskId())).hasSize(2);

    task.undo(copy);
    task.undo(copy);

    assertThat(fixture.labelled(DATA_VOLUME, ns, task.taskId())).isEmpty();
    assertThat(fixture.cluster.get(DATA_VOLUME, ns, copyName(task, "datadisk"))).isEmpty();
  }

  @Test
  void undoAfterDoneDeletesEveryCopy() {
    CloneTask task = snapshotted(cloneOf("web", null));
    task.complete(copy);

    task.undo(copy);
    task.undo(copy);

    assertThat(fixture.labelled(DATA_VOLUME, ns, task.taskId())).isEmpty();
  }

  @Test
  void dataVolumeOfThatNameWithoutOurLabelIsRefusedAndSurvivesUndo() {
    CloneTask task = snapshotted(cloneOf("web", null));
    String data = copyName(task, "datadisk");
    ObjectNode theirs = fixture.cluster.create(KubeVirtManifests.dataVolume(ns, data, "1Gi"));

    assertThatThrownBy(() -> task.execute(copy))
        .isInstanceOfSatisfying(
            PlatformException.class, e -> assertThat(e.reason()).isEqualTo("NameConflict"));
    task.undo(copy);

    ObjectNode after = fixture.cluster.require(DATA_VOLUME, ns, data);
    assertThat(after.at("/metadata/uid")).isEqualTo(theirs.at("/metadata/uid"));
    assertThat(after.at("/metadata/labels").has(VmPlatform.TASK_LABEL)).isFalse();
    assertThat(after.path("spec")).isEqualTo(theirs.path("spec"));
    assertThat(fixture.labelled(DATA_VOLUME, ns, task.taskId())).isEmpty();
  }

  @Test
  void dataVolumeOfThatNameLabelledWithOurTaskIdIsANameConflictAndSurvivesUndo() {
    CloneTask task = snapshotted(cloneOf("web", null));
    String data = copyName(task, "datadisk");
    String uid =
        fixture
            .cluster
            .create(
                ActionFixture.labelledFor(
                    KubeVirtManifests.dataVolume(ns, data, "1Gi"), task.taskId()))
            .at("/metadata/uid")
            .asText();

    assertThatThrownBy(() -> task.execute(copy))
        .isInstanceOfSatisfying(
            PlatformException.class, e -> assertThat(e.reason()).isEqualTo("NameConflict"));
    task.undo(copy);

    assertThat(fixture.uid(DATA_VOLUME, ns, data)).isEqualTo(uid);
    assertThat(fixture.labelled(DATA_VOLUME, ns, task.taskId())).containsExactly(data);
  }

  @Test
  void anAttemptAfterACrashAdoptsTheCopiesTheInterruptedAttemptCreated() {
    CloneTask task = snapshotted(cloneOf("web", null));
    task.execute(copy);
    String data = copyName(task, "datadisk");
    String uid = fixture.uid(DATA_VOLUME, ns, data);

    task.restart(copy);
    task.complete(copy);

    assertThat(fixture.uid(DATA_VOLUME, ns, data)).isEqualTo(uid);
    task.undo(copy);
    assertThat(fixture.labelled(DATA_VOLUME, ns, task.taskId())).isEmpty();
  }

  @Test
  void copyThatFailsIsReportedFailedWithCdisReasonAndUndoDeletesTheCopies() {
    fixture.createVmWithBrokenDisk(ns, "flaky");
    CloneTask task = snapshotted(cloneOf("flaky", null));

    ActionResult result = task.settle(copy);
    task.undo(copy);

    assertThat(result).isInstanceOf(ActionResult.Failed.class);
    ActionResult.Failed failed = (ActionResult.Failed) result;
    assertThat(failed.reason()).isEqualTo(Reasons.COPY_FAILED);
    assertThat(failed.message())
        .contains(ns + "/" + copyName(task, ActionFixture.BROKEN_DISK), "Simulated failure");
    assertThat(fixture.labelled(DATA_VOLUME, ns, task.taskId())).isEmpty();
  }

  private CloneTask snapshotted(VirtualMachineCloneSpec spec) {
    return fixture.open(ns, spec).completeBefore(ActionNames.COPY_DISKS);
  }

  private static VirtualMachineCloneSpec cloneOf(String vm, CloneTarget target) {
    VirtualMachineCloneSpec spec = ActionFixture.cloneOf(SourceKind.VirtualMachine, vm);
    spec.setTarget(target);
    return spec;
  }

  private static String copyName(CloneTask task, String volume) {
    return ChildNames.dataVolumeName(task.cloneUid(), volume);
  }

  private SnapshotData snapshotData(CloneTask task) {
    return SnapshotData.fromJson(fixture.mapper, task.doneData(ActionNames.SNAPSHOT_SOURCE));
  }
}
