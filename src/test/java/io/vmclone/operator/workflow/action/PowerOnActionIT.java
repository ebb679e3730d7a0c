package io.vmclone.operator.workflow.action;

import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.api.RunStrategy;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.testing.KubeVirtManifests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link PowerOnAction}: gives the created target the run strategy the clone asks for. */
class PowerOnActionIT {

  private static ActionFixture fixture;

  private final PowerOnAction powerOn = fixture.powerOn();
  private String ns;

  @BeforeAll
  static void start() {
    fixture = ActionFixture.start(PowerOnActionIT.class);
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

  @ParameterizedTest
  @EnumSource(names = {"Always", "RerunOnFailure", "Once"})
  void runStrategiesThatStartTheVmWaitUntilItRuns(RunStrategy strategy) {
    CloneTask task = created(strategy);

    ActionResult first = task.execute(powerOn);
    ActionResult.Done done = task.complete(powerOn);

    assertThat(first).isInstanceOf(ActionResult.InProgress.class);
    assertThat(done.data().path("runStrategy").asText()).isEqualTo(strategy.name());
    assertThat(done.data().path("started").asBoolean()).isTrue();
    JsonNode vm = target(task);
    assertThat(vm.at("/spec/runStrategy").asText()).isEqualTo(strategy.name());
    assertThat(vm.at("/status/printableStatus").asText()).isEqualTo("Running");
  }

  @ParameterizedTest
  @EnumSource(names = {"Halted", "Manual"})
  void runStrategiesThatDoNotStartTheVmLeaveItStopped(RunStrategy strategy) {
    CloneTask task = created(strategy);

    ActionResult.Done done = task.complete(powerOn);

    assertThat(done.data().path("runStrategy").asText()).isEqualTo(strategy.name());
    assertThat(done.data().path("started").asBoolean()).isFalse();
    JsonNode vm = target(task);
    assertThat(vm.at("/spec/runStrategy").asText()).isEqualTo(strategy.name());
    assertThat(vm.at("/status/printableStatus").asText()).isNotEqualTo("Running");
  }

  @Test
  void executingAgainAfterDoneReturnsTheSameDataAndKeepsOneVm() {
    CloneTask task = created(RunStrategy.Always);
    String uid = fixture.uid(VIRTUAL_MACHINE, ns, task.context().targetName());

    ActionResult.Done done = task.complete(powerOn);
    ActionResult afterDone = task.execute(powerOn);

    assertThat(afterDone).isEqualTo(done);
    assertThat(fixture.labelled(VIRTUAL_MACHINE, ns, task.taskId())).hasSize(1);
    assertThat(fixture.uid(VIRTUAL_MACHINE, ns, task.context().targetName())).isEqualTo(uid);
  }

  @Test
  void undoHaltsTheVmAgainAndUndoTwiceIsFine() {
    CloneTask task = created(RunStrategy.Always);
    task.complete(powerOn);

    task.undo(powerOn);
    task.undo(powerOn);

    assertThat(target(task).at("/spec/runStrategy").asText()).isEqualTo("Halted");
    await()
        .atMost(ActionFixture.PATIENCE)
        .until(() -> "Stopped".equals(target(task).at("/status/printableStatus").asText()));
  }

  @Test
  void targetThatVanishedFailsAndUndoToleratesItsAbsence() {
    CloneTask task = created(RunStrategy.Always);
    fixture.cluster.delete(VIRTUAL_MACHINE, ns, task.context().targetName());

    ActionResult result = task.execute(powerOn);
    task.undo(powerOn);

    assertThat(result).isInstanceOf(ActionResult.Failed.class);
    assertThat(((ActionResult.Failed) result).reason()).isEqualTo(Reasons.TARGET_DELETED);
    assertThat(((ActionResult.Failed) result).message()).contains("was deleted");
    assertThat(fixture.cluster.get(VIRTUAL_MACHINE, ns, task.context().targetName())).isEmpty();
  }

  @Test
  void vmOfTheTargetNameWithoutOurLabelIsNeitherStartedNorHaltedByUndo() {
    CloneTask task = created(RunStrategy.Always);
    String target = task.context().targetName();
    fixture.cluster.delete(VIRTUAL_MACHINE, ns, target);
    ObjectNode theirs = fixture.cluster.create(KubeVirtManifests.vm(ns, target, "Manual"));

    assertThatThrownBy(() -> task.execute(powerOn))
        .isInstanceOfSatisfying(
            PlatformException.class, e -> assertThat(e.reason()).isEqualTo("TargetNotOurs"));
    task.undo(powerOn);
    task.undo(powerOn);

    ObjectNode after = fixture.cluster.require(VIRTUAL_MACHINE, ns, target);
    assertThat(after.at("/metadata/uid")).isEqualTo(theirs.at("/metadata/uid"));
    assertThat(after.path("spec")).isEqualTo(theirs.path("spec"));
  }

  @Test
  void vmOfTheTargetNameLabelledWithOurTaskIdButNotCreatedByUsIsNeitherStartedNorHalted() {
    CloneTask task = created(RunStrategy.Always);
    String target = task.context().targetName();
    fixture.cluster.delete(VIRTUAL_MACHINE, ns, target);
    ObjectNode theirs =
        fixture.cluster.create(
            ActionFixture.labelledFor(KubeVirtManifests.vm(ns, target, "Manual"), task.taskId()));

    assertThatThrownBy(() -> task.execute(powerOn))
        .isInstanceOfSatisfying(
            PlatformException.class, e -> assertThat(e.reason()).isEqualTo("TargetNotOurs"));
    task.undo(powerOn);

    ObjectNode after = fixture.cluster.require(VIRTUAL_MACHINE, ns, target);
    assertThat(after.at("/metadata/uid")).isEqualTo(theirs.at("/metadata/uid"));
    assertThat(after.path("spec")).isEqualTo(theirs.path("spec"));
  }

  private CloneTask created(RunStrategy strategy) {
    VirtualMachineCloneSpec spec = ActionFixture.cloneOf(SourceKind.VirtualMachine, "web");
    spec.setRunStrategy(strategy);
    return fixture.open(ns, spec).completeBefore(ActionNames.POWER_ON);
  }

  private JsonNode target(CloneTask task) {
    return fixture.cluster.require(VIRTUAL_MACHINE, ns, task.context().targetName());
  }
}
