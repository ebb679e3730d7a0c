package io.vmclone.operator.workflow.action;

import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE;
import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE_SNAPSHOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.api.RunStrategy;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.testing.KubeVirtManifests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link CreateTargetAction}: the target VM, halted, on the disk copies. */
class CreateTargetActionIT {

  private static ActionFixture fixture;

  private final CreateTargetAction create = fixture.createTarget();
  private String ns;

  @BeforeAll
  static void start() {
    fixture = ActionFixture.start(CreateTargetActionIT.class);
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
  void executingToDoneCreatesTheTargetVmNamedFromTheCloneLabelledAndOnTheCopies() {
    CloneTask task = copied(RunStrategy.Halted);

    ActionResult.Done done = task.complete(create);

    String target = "web-clone-" + ChildNames.key(task.cloneUid()).substring(0, 5);
    assertThat(done.data().path("targetNamespace").asText()).isEqualTo(ns);
    assertThat(done.data().path("targetName").asText()).isEqualTo(target);
    assertThat(done.data().path("adopted").asBoolean()).isFalse();
    assertThat(fixture.labelled(VIRTUAL_MACHINE, ns, task.taskId())).containsExactly(target);
    JsonNode vm = fixture.cluster.require(VIRTUAL_MACHINE, ns, target);
    assertThat(vm.at("/metadata/labels/app").asText()).isEqualTo("web");
    assertThat(vm.at("/spec/runStrategy").asText()).isEqualTo("Halted");
    assertThat(vm.at("/spec/template/spec/volumes").findValuesAsText("name"))
        .contains(
            ChildNames.dataVolumeName(task.cloneUid(), "rootdisk"),
            ChildNames.dataVolumeName(task.cloneUid(), "datadisk"));
  }

  @Test
  void targetIsCreatedHaltedEvenWhenTheCloneAsksForARunningVm() {
    CloneTask task = copied(RunStrategy.Always);

    task.complete(create);

    JsonNode vm = fixture.cluster.require(VIRTUAL_MACHINE, ns, task.context().targetName());
    assertThat(vm.at("/spec/runStrategy").asText()).isEqualTo("Halted");
  }

  @Test
  void executingAgainAndAgainAfterDoneAdoptsTheVmInsteadOfCreatingASecond() {
    CloneTask task = copied(RunStrategy.Halted);
    String target = task.context().targetName();

    ActionResult first = task.execute(create);
    String uid = fixture.uid(VIRTUAL_MACHINE, ns, target);
    ActionResult.Done done = task.complete(create);
    ActionResult.Done afterDone = (ActionResult.Done) task.execute(create);

    assertThat(((ActionResult.Done) first).data().path("adopted").asBoolean()).isFalse();
    assertThat(done.data().path("adopted").asBoolean()).isTrue();
    assertThat(afterDone).isEqualTo(done);
    assertThat(done.message()).isEqualTo("adopted VirtualMachine " + ns + "/" + target);
    assertThat(fixture.uid(VIRTUAL_MACHINE, ns, target)).isEqualTo(uid);
    assertThat(fixture.labelled(VIRTUAL_MACHINE, ns, task.taskId())).hasSize(1);
  }

  @Test
  void undoDeletesTheTargetVmAndToleratesItsAbsence() {
    CloneTask task = copied(RunStrategy.Halted);
    task.complete(create);

    task.undo(create);
    task.undo(create);

    assertThat(fixture.labelled(VIRTUAL_MACHINE, ns, task.taskId())).isEmpty();
    assertThat(fixture.uid(VIRTUAL_MACHINE, ns, "web")).isNotEmpty();
  }

  @Test
  void undoAfterTheVmWasCreatedButBeforeDoneDeletesIt() {
    CloneTask task = copied(RunStrategy.Halted);
    assertThat(task.execute(create)).isInstanceOf(ActionResult.Done.class);
    assertThat(task.context().doneData(ActionNames.CREATE_TARGET)).isEmpty();

    task.undo(create);

    assertThat(fixture.cluster.get(VIRTUAL_MACHINE, ns, task.context().targetName())).isEmpty();
  }

  @Test
  void vmOfThatNameWithoutOurLabelFailsWithTargetExistsAndSurvivesUndo() {
    CloneTask task = copied(RunStrategy.Halted);
    String target = task.context().targetName();
    ObjectNode theirs = fixture.cluster.create(KubeVirtManifests.vm(ns, target, "Halted"));

    Throwable refused = catchThrowable(() -> task.execute(create));
    task.undo(create);

    assertTargetExists(refused);
    ObjectNode after = fixture.cluster.require(VIRTUAL_MACHINE, ns, target);
    assertThat(after.at("/metadata/uid")).isEqualTo(theirs.at("/metadata/uid"));
    assertThat(after.path("spec")).isEqualTo(theirs.path("spec"));
    assertThat(after.at("/metadata/labels").has(VmPlatform.TASK_LABEL)).isFalse();
  }

  @Test
  void vmOfThatNameFromAnotherCloneIsNotAdoptedAndSurvivesUndo() {
    CloneTask task = copied(RunStrategy.Halted);
    String target = task.context().targetName();
    ObjectNode other = KubeVirtManifests.vm(ns, target, "Halted");
    ((ObjectNode) other.at("/metadata/labels")).put(VmPlatform.TASK_LABEL, "another-task");
    String uid = fixture.cluster.create(other).at("/metadata/uid").asText();

    Throwable refused = catchThrowable(() -> task.execute(create));
    task.undo(create);

    assertTargetExists(refused);
    assertThat(fixture.uid(VIRTUAL_MACHINE, ns, target)).isEqualTo(uid);
  }

  @Test
  void vmOfThatNameLabelledWithOurTaskIdIsNotAdoptedStartedOrDeletedAndFailsWithTargetExists() {
    CloneTask task = copied(RunStrategy.Always);
    String target = task.context().targetName();
    ObjectNode theirs =
        fixture.cluster.create(
            ActionFixture.labelledFor(KubeVirtManifests.vm(ns, target, "Halted"), task.taskId()));

    Throwable refused = catchThrowable(() -> task.execute(create));
    task.undo(fixture.powerOn());
    task.undo(create);

    assertTargetExists(refused);
    ObjectNode after = fixture.cluster.require(VIRTUAL_MACHINE, ns, target);
    assertThat(after.at("/metadata/uid")).isEqualTo(theirs.at("/metadata/uid"));
    assertThat(after.path("spec")).isEqualTo(theirs.path("spec"));
  }

  @Test
  void theCreatedVmsUidIsRecordedAndAnAttemptAfterACrashAdoptsTheSameVm() {
    CloneTask task = copied(RunStrategy.Halted);
    String target = task.context().targetName();
    task.execute(create);
    String uid = fixture.uid(VIRTUAL_MACHINE, ns, target);

    task.restart(create);
    ActionResult.Done done = task.complete(create);

    assertThat(done.data().path("adopted").asBoolean()).isTrue();
    assertThat(done.data().path("targetUid").asText()).isEqualTo(uid);
    assertThat(fixture.uid(VIRTUAL_MACHINE, ns, target)).isEqualTo(uid);
  }

  @Test
  void snapshotThatVanishedFailsWithSnapshotFailedAndCreatesNothing() {
    CloneTask task = copied(RunStrategy.Halted);
    fixture.cluster.delete(VIRTUAL_MACHINE_SNAPSHOT, ns, ChildNames.snapshotName(task.cloneUid()));

    ActionResult result = task.execute(create);

    assertThat(result).isInstanceOf(ActionResult.Failed.class);
    assertThat(((ActionResult.Failed) result).reason()).isEqualTo(Reasons.SNAPSHOT_FAILED);
    assertThat(fixture.labelled(VIRTUAL_MACHINE, ns, task.taskId())).isEmpty();
  }

  private CloneTask copied(RunStrategy strategy) {
    VirtualMachineCloneSpec spec = ActionFixture.cloneOf(SourceKind.VirtualMachine, "web");
    spec.setRunStrategy(strategy);
    return fixture.open(ns, spec).completeBefore(ActionNames.CREATE_TARGET);
  }

  private static void assertTargetExists(Throwable refused) {
    assertThat(refused)
        .isInstanceOfSatisfying(
            PlatformException.class, e -> assertThat(e.reason()).isEqualTo(Reasons.TARGET_EXISTS))
        .hasMessageContainingAll("was not created by this clone", "left untouched");
  }
}
