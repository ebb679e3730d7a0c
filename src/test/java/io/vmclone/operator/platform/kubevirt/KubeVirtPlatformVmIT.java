package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.api.RunStrategy;
import io.vmclone.operator.platform.ObjectRef;
import io.vmclone.operator.platform.Ownership;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.operator.platform.VmCreation;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.platform.VmState;
import io.vmclone.testing.KubeVirtManifests;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link KubeVirtPlatform}'s target VMs (create, adopt, delete, run strategy, what the schema
 * keeps) and finalizers on the real API server, as the operator's ServiceAccount with the chart's
 * RBAC (see {@link PlatformOnControlPlane}).
 */
class KubeVirtPlatformVmIT extends PlatformOnControlPlane {

  @Test
  void creatingTheVmTwiceAdoptsIt() {
    VmCreation created = platform.createVm(targetManifest("copy", taskId), owner);
    VmCreation again = platform.createVm(targetManifest("copy", taskId), owner);

    assertThat(created.adopted()).isFalse();
    assertThat(again.adopted()).isTrue();
    assertThat(again.uid()).isEqualTo(created.uid());
    assertThat(cluster.names(VIRTUAL_MACHINE, ns)).containsExactly("copy");
  }

  @Test
  void aLaterAttemptAdoptsTheVmAnInterruptedAttemptCreated() {
    String uid = platform.createVm(targetManifest("copy", taskId), owner).uid();
    Ownership nextAttempt =
        new Ownership(taskId, List.of(owner.keys().get(0), UUID.randomUUID().toString()));

    VmCreation adopted = platform.createVm(targetManifest("copy", taskId), nextAttempt);

    assertThat(adopted).isEqualTo(new VmCreation(uid, true));
  }

  @Test
  void vmLabelledWithOurTaskIdButNotCreatedByUsIsNotOursNeverStartedAndNeverDeleted() {
    ObjectNode labelled = KubeVirtManifests.vm(ns, "labelled", "Halted");
    ((ObjectNode) labelled.at("/metadata/labels")).put(VmPlatform.TASK_LABEL, taskId);
    ObjectNode theirs = cluster.create(labelled);
    String theirUid = theirs.at("/metadata/uid").asText();
    String ourUid = platform.createVm(targetManifest("ours", taskId), owner).uid();

    String refused =
        refusal(
            Reasons.TARGET_EXISTS,
            () -> platform.createVm(targetManifest("labelled", taskId), owner));
    platform.deleteVm(ns, "labelled", owner);

    assertThat(refused)
        .isEqualTo(
            "VirtualMachine "
                + ns
                + "/labelled exists and was not created by this clone; it was left untouched");
    assertThatThrownBy(() -> platform.setRunStrategy(ns, "labelled", ourUid, RunStrategy.Always))
        .isInstanceOfSatisfying(
            PlatformException.class, e -> assertThat(e.reason()).isEqualTo("TargetNotOurs"));
    ObjectNode after = cluster.require(VIRTUAL_MACHINE, ns, "labelled");
    assertThat(after.at("/metadata/uid").asText()).isEqualTo(theirUid);
    assertThat(after.path("spec")).isEqualTo(theirs.path("spec"));
  }

  @Test
  void aReplacementOfOurVmIsNeitherStartedNorDeleted() {
    String uid = platform.createVm(targetManifest("replaced", taskId), owner).uid();
    ObjectNode copy = cluster.require(VIRTUAL_MACHINE, ns, "replaced");
    cluster.delete(VIRTUAL_MACHINE, ns, "replaced");
    ObjectNode replacement = KubeVirtManifests.vm(ns, "replaced", "Halted");
    ((ObjectNode) replacement.get("metadata"))
        .set("labels", copy.at("/metadata/labels").deepCopy());
    ((ObjectNode) replacement.get("metadata"))
        .withObjectProperty("annotations")
        .put(Ownership.MARK_ANNOTATION, "copied-from-elsewhere");
    String newUid = cluster.create(replacement).at("/metadata/uid").asText();

    platform.deleteVm(ns, "replaced", owner);

    assertThatThrownBy(() -> platform.setRunStrategy(ns, "replaced", uid, RunStrategy.Always))
        .isInstanceOfSatisfying(
            PlatformException.class, e -> assertThat(e.reason()).isEqualTo("TargetNotOurs"));
    assertThat(cluster.require(VIRTUAL_MACHINE, ns, "replaced").at("/metadata/uid").asText())
        .isEqualTo(newUid);
  }

  @Test
  void vmOfAnotherTaskOrUserIsNotOursAndNeverDeleted() {
    ObjectNode theirs = cluster.create(KubeVirtManifests.vm(ns, "taken", "Halted"));
    platform.createVm(
        targetManifest("other", "another-task"),
        new Ownership("another-task", List.of(UUID.randomUUID().toString())));

    refusal(Reasons.TARGET_EXISTS, () -> platform.createVm(targetManifest("taken", taskId), owner));
    refusal(Reasons.TARGET_EXISTS, () -> platform.createVm(targetManifest("other", taskId), owner));
    platform.deleteVm(ns, "taken", owner);
    platform.deleteVm(ns, "other", owner);

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

    assertThat(platform.createVm(sent, owner).adopted()).isFalse();

    ObjectNode stored = cluster.require(VIRTUAL_MACHINE, ns, "web-copy");
    ObjectNode expectedSpec = target.get("spec").deepCopy();
    ((ObjectNode) expectedSpec.at("/template/spec/domain/devices/interfaces/1"))
        .put("keptAsKubeVirtKeepsIt", "passed through");
    assertThat(stored.path("spec")).isEqualTo(expectedSpec);
    assertThat(stored.at("/spec").has("notInTheSchema")).isFalse();
    assertThat(stored.at("/spec/dataVolumeTemplates/0/spec").has("notInTheSchema")).isFalse();
    assertThat(stored.at("/metadata/labels")).isEqualTo(target.at("/metadata/labels"));
    ObjectNode annotations = (ObjectNode) stored.at("/metadata/annotations").deepCopy();
    assertThat(annotations.remove(Ownership.MARK_ANNOTATION)).isNotNull();
    assertThat(annotations).isEqualTo(target.at("/metadata/annotations"));
    assertThat(VmVolumes.volumesToCopy(stored)).isEqualTo(VmVolumes.volumesToCopy(target));
    assertThat(platform.createVm(target, owner).adopted()).isTrue();
  }

  @Test
  void deletingOurVmRemovesItAndToleratesItsAbsence() {
    platform.createVm(targetManifest("temp", taskId), owner);

    platform.deleteVm(ns, "temp", owner);
    platform.deleteVm(ns, "temp", owner);

    assertThat(platform.findVm(ns, "temp")).isEmpty();
  }

  @Test
  void runStrategyAlwaysBringsTheVmToRunning() {
    ObjectNode manifest = targetManifest("target", taskId);
    ((ObjectNode) manifest.get("spec")).remove("runStrategy");
    ((ObjectNode) manifest.get("spec")).put("running", false);
    String uid = platform.createVm(manifest, owner).uid();

    platform.setRunStrategy(ns, "target", uid, RunStrategy.Always);

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
    String ours = platform.createVm(targetManifest("ours", taskId), owner).uid();

    assertThatThrownBy(() -> platform.setRunStrategy(ns, "foreign", ours, RunStrategy.Always))
        .isInstanceOfSatisfying(
            PlatformException.class, e -> assertThat(e.reason()).isEqualTo("TargetNotOurs"));
    assertThat(platform.setRunStrategy(ns, "missing", ours, RunStrategy.Always)).isEmpty();
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
