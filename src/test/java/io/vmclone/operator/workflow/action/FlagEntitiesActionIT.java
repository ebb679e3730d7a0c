package io.vmclone.operator.workflow.action;

import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.CloneTarget;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.journal.EntityLock;
import io.vmclone.operator.journal.EntityLock.Mode;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.operator.workflow.DoneFacts;
import io.vmclone.testing.KubeVirtManifests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link FlagEntitiesAction}: locks in the journal database and a finalizer on the source. */
class FlagEntitiesActionIT {

  private static final String USER_FINALIZER = "example.com/keep";
  private static ActionFixture fixture;

  private final FlagEntitiesAction flag = fixture.flagEntities();
  private String ns;
  private String sourceUid;

  @BeforeAll
  static void start() {
    fixture = ActionFixture.start(FlagEntitiesActionIT.class);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @BeforeEach
  void sourceVmWithAUserFinalizer() {
    ns = fixture.namespace();
    ObjectNode vm = KubeVirtManifests.vm(ns, "web", "Halted");
    ((ObjectNode) vm.get("metadata")).putArray("finalizers").add(USER_FINALIZER);
    sourceUid = fixture.cluster.create(vm).at("/metadata/uid").asText();
  }

  @Test
  void executingToDoneLocksSourceSharedAndTargetNameExclusiveAndAddsTheFinalizer() {
    CloneTask task = openClone("copy");

    ActionResult.Done done = task.complete(flag);

    String finalizer = ChildNames.sourceFinalizer(task.cloneUid());
    assertThat(done.data().path("sourceUid").asText()).isEqualTo(sourceUid);
    assertThat(done.data().path("finalizer").asText()).isEqualTo(finalizer);
    DoneFacts facts = new DoneFacts();
    flag.describe(done.data(), facts);
    assertThat(facts.sourceUid()).as("what the status shows").isEqualTo(sourceUid);
    assertThat(task.locks())
        .containsExactly(
            new EntityLock("VirtualMachine", ns, "copy", Mode.EXCLUSIVE, null),
            new EntityLock("VirtualMachine", ns, "web", Mode.SHARED, sourceUid));
    assertThat(fixture.finalizers(VIRTUAL_MACHINE, ns, "web"))
        .containsExactly(USER_FINALIZER, finalizer);
    assertThat(fixture.labelled(VIRTUAL_MACHINE, ns, task.taskId())).isEmpty();
  }

  @Test
  void executingAgainAndAgainAfterDoneTakesEachLockAndTheFinalizerOnce() {
    CloneTask task = openClone(null);

    ActionResult first = task.execute(flag);
    ActionResult second = task.execute(flag);
    ActionResult.Done done = task.complete(flag);
    ActionResult afterDone = task.execute(flag);

    assertThat(first).isEqualTo(second).isEqualTo(done).isEqualTo(afterDone);
    assertThat(task.locks()).hasSize(2);
    assertThat(fixture.finalizers(VIRTUAL_MACHINE, ns, "web"))
        .containsExactly(USER_FINALIZER, ChildNames.sourceFinalizer(task.cloneUid()));
  }

  @Test
  void undoDropsTheLocksAndTheFinalizerAndKeepsTheUsersFinalizer() {
    CloneTask task = openClone(null);
    task.complete(flag);

    task.undo(flag);
    task.undo(flag);

    assertThat(task.locks()).isEmpty();
    assertThat(fixture.finalizers(VIRTUAL_MACHINE, ns, "web")).containsExactly(USER_FINALIZER);
  }

  @Test
  void undoAfterTheFinalizerWasAddedButBeforeDoneRemovesWhatWasTaken() {
    CloneTask task = openClone(null);
    assertThat(task.execute(flag)).isInstanceOf(ActionResult.Done.class);
    assertThat(task.context().doneData(ActionNames.FLAG_ENTITIES)).isEmpty();

    task.undo(flag);

    assertThat(task.locks()).isEmpty();
    assertThat(fixture.finalizers(VIRTUAL_MACHINE, ns, "web")).containsExactly(USER_FINALIZER);
  }

  @Test
  void missingSourceBlocksWithSourceNotFoundAndTheCloneStartsWhenItAppears() {
    CloneTask task = fixture.open(ns, ActionFixture.cloneOf(SourceKind.VirtualMachine, "not-yet"));

    ActionResult result = task.execute(flag);

    assertThat(result)
        .isEqualTo(
            ActionResult.blocked(
                Reasons.SOURCE_NOT_FOUND,
                "VirtualMachine "
                    + ns
                    + "/not-yet does not exist; the clone starts when it appears"));
    assertThat(task.locks()).isEmpty();
    fixture.createVm(ns, "not-yet");
    assertThat(task.execute(flag)).isInstanceOf(ActionResult.Done.class);
    assertThat(task.locks()).hasSize(2);
  }

  @Test
  void sourceBeingDeletedIsRefusedAfterTheLocksAndUndoReleasesThem() {
    CloneTask task = openClone(null);
    fixture.cluster.delete(VIRTUAL_MACHINE, ns, "web");

    assertThatThrownBy(() -> task.execute(flag))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> assertThat(e.reason()).isEqualTo(Reasons.SOURCE_NOT_FOUND));
    assertThat(task.locks()).hasSize(2);
    task.undo(flag);

    assertThat(task.locks()).isEmpty();
    assertThat(fixture.finalizers(VIRTUAL_MACHINE, ns, "web")).containsExactly(USER_FINALIZER);
  }

  @Test
  void targetNameTakenByAVmWithoutOurLabelFailsWithTargetExistsAndLeavesItAlone() {
    ObjectNode theirs = fixture.cluster.create(KubeVirtManifests.vm(ns, "copy", "Always"));
    CloneTask task = openClone("copy");

    ActionResult result = task.execute(flag);
    task.undo(flag);

    assertThat(result).isInstanceOf(ActionResult.Failed.class);
    assertThat(((ActionResult.Failed) result).reason()).isEqualTo(Reasons.TARGET_EXISTS);
    assertThat(task.locks()).isEmpty();
    assertThat(fixture.finalizers(VIRTUAL_MACHINE, ns, "web")).containsExactly(USER_FINALIZER);
    ObjectNode after = fixture.cluster.require(VIRTUAL_MACHINE, ns, "copy");
    assertThat(after.path("spec")).isEqualTo(theirs.path("spec"));
    assertThat(after.at("/metadata/labels")).isEqualTo(theirs.at("/metadata/labels"));
  }

  @Test
  void targetNameTakenByAVmLabelledWithOurTaskIdFailsWithTargetExistsAndLeavesItAlone() {
    CloneTask task = openClone("copy");
    ObjectNode theirs =
        fixture.cluster.create(
            ActionFixture.labelledFor(KubeVirtManifests.vm(ns, "copy", "Always"), task.taskId()));

    ActionResult result = task.execute(flag);
    task.undo(flag);

    assertThat(result).isInstanceOf(ActionResult.Failed.class);
    assertThat(((ActionResult.Failed) result).reason()).isEqualTo(Reasons.TARGET_EXISTS);
    assertThat(task.locks()).isEmpty();
    ObjectNode after = fixture.cluster.require(VIRTUAL_MACHINE, ns, "copy");
    assertThat(after.at("/metadata/uid")).isEqualTo(theirs.at("/metadata/uid"));
  }

  @Test
  void targetNameLockedByAnotherActiveCloneFailsWithTargetNameInUse() {
    CloneTask holder = openClone("copy");
    holder.complete(flag);
    CloneTask late = openClone("copy");

    ActionResult result = late.execute(flag);
    late.undo(flag);

    assertThat(result).isInstanceOf(ActionResult.Failed.class);
    ActionResult.Failed failed = (ActionResult.Failed) result;
    assertThat(failed.reason()).isEqualTo(Reasons.TARGET_NAME_IN_USE);
    assertThat(failed.message()).contains(ns + "/copy", holder.taskId());
    assertThat(late.locks()).isEmpty();
    assertThat(holder.locks()).hasSize(2);
    assertThat(fixture.finalizers(VIRTUAL_MACHINE, ns, "web"))
        .containsExactly(USER_FINALIZER, ChildNames.sourceFinalizer(holder.cloneUid()));
  }

  @Test
  void aCloneWhoseSourceIsInRecoveryWaitsUntilTheRecoveryClears() {
    CloneTask recovering = openClone("one");
    recovering.complete(flag);
    fixture.recovery.markInterrupted(recovering.id());
    CloneTask waiting = openClone("two");

    ActionResult result = waiting.execute(flag);

    assertThat(result).isInstanceOf(ActionResult.Blocked.class);
    assertThat(((ActionResult.Blocked) result).reason()).isEqualTo(Reasons.ENTITY_IN_RECOVERY);
    assertThat(((ActionResult.Blocked) result).message()).contains(recovering.taskId());
    assertThat(waiting.locks()).isEmpty();

    fixture.resolutions.clearRecovery(recovering.id());
    waiting.complete(flag);
    assertThat(waiting.locks()).hasSize(2);
  }

  @Test
  void twoClonesShareTheSourceAndUndoingOneKeepsTheOthersClaim() {
    CloneTask one = openClone("one");
    CloneTask two = openClone("two");
    one.complete(flag);
    two.complete(flag);

    one.undo(flag);

    assertThat(one.locks()).isEmpty();
    assertThat(two.locks())
        .contains(new EntityLock("VirtualMachine", ns, "web", Mode.SHARED, sourceUid));
    assertThat(fixture.finalizers(VIRTUAL_MACHINE, ns, "web"))
        .containsExactly(USER_FINALIZER, ChildNames.sourceFinalizer(two.cloneUid()));
  }

  @Test
  void sourceThatCannotBeClonedIsRefusedBeforeAnythingIsTaken() {
    ObjectNode vm = KubeVirtManifests.vm(ns, "sealed", "Halted");
    ((ObjectNode) vm.at("/spec/template/spec/domain/devices"))
        .putObject("tpm")
        .put("persistent", true);
    fixture.cluster.create(vm);
    CloneTask task = fixture.open(ns, ActionFixture.cloneOf(SourceKind.VirtualMachine, "sealed"));

    assertThatThrownBy(() -> task.execute(flag))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> assertThat(e.reason()).isEqualTo(Reasons.SOURCE_NOT_CLONEABLE));
    assertThat(task.locks()).isEmpty();
    assertThat(fixture.finalizers(VIRTUAL_MACHINE, ns, "sealed")).isEmpty();
  }

  @Test
  void userSnapshotThatFailedFailsTheCloneInsteadOfWaitingForever() {
    fixture.cluster.create(KubeVirtManifests.snapshot(ns, "of-nothing", "no-such-vm"));
    CloneTask task =
        fixture.open(ns, ActionFixture.cloneOf(SourceKind.VirtualMachineSnapshot, "of-nothing"));

    ActionResult result = task.settle(flag);

    assertThat(result).isInstanceOf(ActionResult.Failed.class);
    assertThat(((ActionResult.Failed) result).reason()).isEqualTo(Reasons.SNAPSHOT_FAILED);
    assertThat(((ActionResult.Failed) result).message()).contains("no-such-vm", "does not exist");
    assertThat(task.locks()).isEmpty();
  }

  private CloneTask openClone(String targetName) {
    VirtualMachineCloneSpec spec = ActionFixture.cloneOf(SourceKind.VirtualMachine, "web");
    if (targetName != null) {
      spec.setTarget(new CloneTarget(targetName, null));
    }
    return fixture.open(ns, spec);
  }
}
