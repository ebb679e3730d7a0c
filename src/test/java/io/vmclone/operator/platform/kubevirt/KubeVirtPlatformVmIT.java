package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.RunStrategy;
import io.vmclone.operator.platform.CreateOutcome;
import io.vmclone.operator.platform.ObjectRef;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.platform.VmState;
import io.vmclone.testing.KubeVirtManifests;
import org.junit.jupiter.api.Test;

/**
 * {@link KubeVirtPlatform}'s target VMs (create, adopt, delete, run strategy, what the schema
 * keeps) and finalizers on the real API server, as the operator's ServiceAccount with the chart's
 * RBAC (see {@link PlatformOnControlPlane}).
 */
class KubeVirtPlatformVmIT extends PlatformOnControlPlane {

  @Test
  void creatingTheVmTwiceAdoptsIt() {
    assertThat(platform.createVm(targetManifest("copy", taskId))).isEqualTo(CreateOutcome.CREATED);
    assertThat(platform.createVm(targetManifest("copy", taskId))).isEqualTo(CreateOutcome.ADOPTED);
    assertThat(cluster.names(VIRTUAL_MACHINE, ns)).containsExactly("copy");
  }

  @Test
  void vmOfAnotherTaskOrUserIsNotOursAndNeverDeleted() {
    ObjectNode theirs = cluster.create(KubeVirtManifests.vm(ns, "taken", "Halted"));
    platform.createVm(targetManifest("other", "another-task"));

    assertThat(platform.createVm(targetManifest("taken", taskId)))
        .isEqualTo(CreateOutcome.EXISTS_NOT_OURS);
    assertThat(platform.createVm(targetManifest("other", taskId)))
        .isEqualTo(CreateOutcome.EXISTS_NOT_OURS);
    platform.deleteVm(ns, "taken", taskId);
    platform.deleteVm(ns, "other", taskId);

    ObjectNode after = cluster.require(VIRTUAL_MACHINE, ns, "taken");
    assertThat(after.path("spec")).isEqualTo(theirs.path("spec"));
    assertThat(after.at("/metadata/labels").has(VmPlatform.TASK_LABEL)).isFalse();
    assertThat(cluster.get(VIRTUAL_MACHINE, ns, "other")).isPresent();
  }

  @Test
  void targetVmKeepsWhatTheOperatorWritesAndLosesWhatNoSchemaDeclares() {
    ObjectNode source = VmFixtures.vm("running-multi-nic");
    ObjectNode target =
        TargetVmBuilder.build(
            new TargetVmRequest(
                source,
                VmFixtures.cloneOf(source),
                ns,
                "web-copy",
                taskId,
                VmFixtures.DEFAULT_SERIAL,
                VmFixtures.copiesOf(source)));
    ObjectNode sent = target.deepCopy();
    sent.withObjectProperty("spec").put("notInTheSchema", "pruned");
    ((ObjectNode) sent.at("/spec/dataVolumeTemplates/0/spec")).put("notInTheSchema", "pruned");
    ((ObjectNode) sent.at("/spec/template/spec/domain/devices/interfaces/1"))
        .put("keptAsKubeVirtKeepsIt", "passed through");

    assertThat(platform.createVm(sent)).isEqualTo(CreateOutcome.CREATED);

    ObjectNode stored = cluster.require(VIRTUAL_MACHINE, ns, "web-copy");
    ObjectNode expectedSpec = target.get("spec").deepCopy();
    ((ObjectNode) expectedSpec.at("/template/spec/domain/devices/interfaces/1"))
        .put("keptAsKubeVirtKeepsIt", "passed through");
    assertThat(stored.path("spec")).isEqualTo(expectedSpec);
    assertThat(stored.at("/spec").has("notInTheSchema")).isFalse();
    assertThat(stored.at("/spec/dataVolumeTemplates/0/spec").has("notInTheSchema")).isFalse();
    assertThat(stored.at("/metadata/labels")).isEqualTo(target.at("/metadata/labels"));
    assertThat(stored.at("/metadata/annotations")).isEqualTo(target.at("/metadata/annotations"));
    assertThat(VmVolumes.volumesToCopy(stored)).isEqualTo(VmVolumes.volumesToCopy(target));
    assertThat(platform.createVm(target)).isEqualTo(CreateOutcome.ADOPTED);
  }

  @Test
  void deletingOurVmRemovesItAndToleratesItsAbsence() {
    platform.createVm(targetManifest("temp", taskId));

    platform.deleteVm(ns, "temp", taskId);
    platform.deleteVm(ns, "temp", taskId);

    assertThat(platform.findVm(ns, "temp")).isEmpty();
  }

  @Test
  void runStrategyAlwaysBringsTheVmToRunning() {
    ObjectNode manifest = targetManifest("target", taskId);
    ((ObjectNode) manifest.get("spec")).remove("runStrategy");
    ((ObjectNode) manifest.get("spec")).put("running", false);
    platform.createVm(manifest);

    platform.setRunStrategy(ns, "target", taskId, RunStrategy.Always);

    VmState state =
        await().atMost(PATIENCE).until(() -> platform.findVm(ns, "target").get(), VmState::ready);
    assertThat(state.printableStatus()).isEqualTo("Running");
    JsonNode spec = cluster.require(VIRTUAL_MACHINE, ns, "target").path("spec");
    assertThat(spec.path("runStrategy").asText()).isEqualTo("Always");
    assertThat(spec.has("running")).isFalse();
  }

  @Test
  void runStrategyIsOnlySetOnOurVm() {
    cluster.create(KubeVirtManifests.vm(ns, "foreign", "Halted"));

    assertThatThrownBy(() -> platform.setRunStrategy(ns, "foreign", taskId, RunStrategy.Always))
        .isInstanceOfSatisfying(
            PlatformException.class, e -> assertThat(e.reason()).isEqualTo("TargetNotOurs"));
    assertThat(platform.setRunStrategy(ns, "missing", taskId, RunStrategy.Always)).isEmpty();
    assertThat(cluster.require(VIRTUAL_MACHINE, ns, "foreign").at("/spec/runStrategy").asText())
        .isEqualTo("Halted");
  }

  @Test
  void finalizersAreAddedAndRemovedOnce() {
    ObjectNode vm = KubeVirtManifests.vm(ns, "guarded", "Halted");
    ((ObjectNode) vm.get("metadata")).putArray("finalizers").add("example.com/keep");
    cluster.create(vm);
    ObjectRef ref = new ObjectRef("VirtualMachine", ns, "guarded");

    platform.addFinalizer(ref, "vmclone.io/clone-a");
    platform.addFinalizer(ref, "vmclone.io/clone-a");
    assertThat(finalizers("guarded")).containsExactly("example.com/keep", "vmclone.io/clone-a");

    platform.removeFinalizer(ref, "vmclone.io/clone-a");
    platform.removeFinalizer(ref, "vmclone.io/clone-a");
    assertThat(finalizers("guarded")).containsExactly("example.com/keep");
  }

  @Test
  void removingTheLastFinalizerOfADeletedVmLetsItGo() {
    cluster.create(KubeVirtManifests.vm(ns, "leaving", "Halted"));
    ObjectRef ref = new ObjectRef("VirtualMachine", ns, "leaving");
    platform.addFinalizer(ref, "vmclone.io/clone-b");
    cluster.delete(VIRTUAL_MACHINE, ns, "leaving");
    assertThat(
            cluster
                .require(VIRTUAL_MACHINE, ns, "leaving")
                .at("/metadata/deletionTimestamp")
                .isTextual())
        .isTrue();

    platform.removeFinalizer(ref, "vmclone.io/clone-b");

    assertThat(platform.findVm(ns, "leaving")).isEmpty();
    platform.removeFinalizer(ref, "vmclone.io/clone-b");
  }

  @Test
  void addingAFinalizerToAMissingVmIsRefused() {
    assertThatThrownBy(
            () ->
                platform.addFinalizer(new ObjectRef("VirtualMachine", ns, "none"), "vmclone.io/x"))
        .isInstanceOfSatisfying(
            PlatformException.class, e -> assertThat(e.reason()).isEqualTo("SourceNotFound"));
  }
}
