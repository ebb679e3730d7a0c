package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vmclone.controlplane.Binaries;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.CloneTarget;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.api.RunStrategy;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.api.VolumeNamePolicy;
import io.vmclone.operator.journal.JournalPruning;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.operator.workflow.CloneRequest;
import io.vmclone.operator.workflow.CloneStepper;
import io.vmclone.operator.workflow.Notice;
import io.vmclone.testing.OperatorOnControlPlane;
import io.vmclone.testing.PostgresResource;
import io.vmclone.testing.Requesters;
import io.vmclone.testing.TestControlPlane;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class CloneLifecycleIT extends OperatorIT {

  @Inject CloneStepper stepper;
  @Inject JournalPruning pruning;

  @Test
  void clonesAStoppedVmFromApplyToSucceededWithTheJournalCommitted() {
    String source = unique("web");
    createVm(source);
    VirtualMachineClone created = createClone(unique("clone"), source);
    String key = ChildNames.key(created.getMetadata().getUid());

    VirtualMachineClone clone = awaitPhase(created.getMetadata().getName(), ClonePhase.Succeeded);

    String taskId = clone.getStatus().getTaskId();
    assertThat(clone.getStatus().getProgress()).isEqualTo(100);
    assertThat(clone.getStatus().getTargetName())
        .isEqualTo(source + "-clone-" + key.substring(0, 5));
    assertThat(journal(taskId))
        .containsExactly(
            "Redoable STARTED",
            "Redoable DONE",
            "Authorize STARTED",
            "Authorize DONE",
            "PreserveSession STARTED",
            "PreserveSession DONE",
            "FlagEntities STARTED",
            "FlagEntities DONE",
            "SnapshotSource STARTED",
            "SnapshotSource DONE",
            "CopyDisks STARTED",
            "CopyDisks DONE",
            "CreateTarget STARTED",
            "CreateTarget DONE",
            "PowerOn STARTED",
            "PowerOn DONE",
            "Release STARTED",
            "Release DONE",
            "Commit COMMITTED");
    assertThat(taskState(taskId)).isEqualTo("SUCCESS/COMMITTED");
    assertThat(clone.getStatus().getJournal())
        .extracting(e -> e.getAction() + " " + e.getState())
        .containsExactlyElementsOf(journal(taskId));
    assertThat(condition(clone, "Ready")).isEqualTo("True");

    JsonNode target = json(vm(clone.getStatus().getTargetName()));
    assertThat(target.at("/metadata/labels/vmclone.io~1task-id").asText()).isEqualTo(taskId);
    assertThat(target.at("/metadata/labels/team").asText()).isEqualTo("blue");
    assertThat(target.at("/spec/runStrategy").asText()).isEqualTo("Halted");
    JsonNode domain = target.at("/spec/template/spec/domain");
    assertThat(domain.at("/firmware/uuid").isMissingNode()).isTrue();
    assertThat(domain.at("/firmware/serial").asText())
        .isNotEqualTo("4c4c4544-0051-4410-8034-b4c04f4b3032");
    assertThat(domain.at("/devices/interfaces").findValues("macAddress")).isEmpty();
    assertThat(target.at("/spec/template/spec/volumes").findValuesAsText("name"))
        .contains("vmclone-" + key + "-rootdisk", "vmclone-" + key + "-datadisk");

    assertThat(labelled(DATA_VOLUME, taskId)).hasSize(2);
    assertThat(labelled(SNAPSHOT, taskId)).as("temporary snapshot deleted").isEmpty();
    assertThat(finalizers(vm(source))).noneMatch(f -> f.startsWith("vmclone.io/"));
    assertThat(locks(taskId)).isEmpty();
    assertThat(events(created.getMetadata().getName()))
        .extracting(Event::getReason)
        .contains("StepCompleted", "CloneSucceeded");
  }

  @Test
  void prefixTargetNameNamesTheDiskCopiesAfterTheTargetAsKubeVirtDoes() {
    String source = unique("web");
    createVm(source);
    String target = unique("copy");
    String name = unique("clone");
    createClone(
        name,
        source,
        spec -> {
          spec.setTarget(new CloneTarget(target, null));
          spec.setVolumeNamePolicy(VolumeNamePolicy.PrefixTargetName);
        });

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Succeeded);

    List<String> copies = List.of(target + "-rootdisk", target + "-datadisk");
    assertThat(clone.getStatus().getDataVolumeNames()).containsExactlyElementsOf(copies);
    assertThat(clone.getStatus().getCreationTime())
        .isEqualTo(clone.getMetadata().getCreationTimestamp());
    assertThat(labelled(DATA_VOLUME, clone.getStatus().getTaskId()))
        .extracting(dv -> dv.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(copies);
    assertThat(json(vm(target)).at("/spec/template/spec/volumes").findValuesAsText("name"))
        .containsAll(copies);
  }

  @Test
  void theExampleInKubeVirtsShapeClonesAsKubeVirtsDocumentationDescribes() throws Exception {
    String source = unique("web");
    createVm(source);
    VirtualMachineClone example =
        client
            .getKubernetesSerialization()
            .unmarshal(
                Files.readString(Binaries.repositoryRoot().resolve("examples/clone-kubevirt.yaml")),
                VirtualMachineClone.class);
    // Only what keeps tests apart changes: the names and the namespace.
    String name = unique("kv");
    String target = unique("kv-copy");
    example.getMetadata().setName(name);
    example.getMetadata().setNamespace(namespace);
    example.getSpec().getSource().setName(source);
    example.getSpec().getTarget().setName(target);

    createAs(CI_BOT, example);
    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Succeeded);

    assertThat(condition(clone, "Ready")).isEqualTo("True");
    assertThat(clone.getStatus().getTargetName()).isEqualTo(target);
    assertThat(clone.getStatus().getCreationTime()).isNotNull();
    JsonNode copy = json(vm(target));
    assertThat(copy.at("/metadata/labels/cloned-from").asText()).isEqualTo("cirros");
    assertThat(copy.at("/metadata/labels/team").asText()).isEqualTo("blue");
    JsonNode domain = copy.at("/spec/template/spec/domain");
    assertThat(domain.at("/firmware/serial").asText()).isEqualTo("cirros-copy-serial");
    assertThat(domain.at("/devices/interfaces/0/macAddress").asText())
        .isEqualTo("02:00:00:00:00:17");
    assertThat(domain.at("/devices/interfaces/1/macAddress").isMissingNode()).isTrue();
    assertThat(clone.getStatus().getDataVolumeNames())
        .containsExactly(target + "-rootdisk", target + "-datadisk");
  }

  @Test
  void aSpecThatChangedAfterTheCloneStartedIsReportedOnceAndIgnored() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createClone(name, source);
    VirtualMachineClone done = awaitPhase(name, ClonePhase.Succeeded);
    // The CRD's CEL rule keeps the spec immutable; the operator's own check is the second line,
    // for a CRD installed without that rule: a reconcile that sees a newer generation.
    VirtualMachineCloneSpec changed = done.getSpec();
    changed.setTarget(new CloneTarget(unique("elsewhere"), null));
    List<Notice> notices = new ArrayList<>();

    stepper.advance(
        new CloneRequest(
            namespace,
            name,
            done.getMetadata().getUid(),
            null,
            changed,
            done.getMetadata().getAnnotations(),
            done.getStatus().getPhase(),
            done.getStatus().getTaskId(),
            done.getStatus().getObservedGeneration() + 1,
            done.getStatus().getObservedGeneration()),
        running -> fail("a finished task is not running: " + running),
        notices::addAll);

    assertThat(notices).extracting(Notice::reason).containsExactly(Reasons.SPEC_CHANGE_IGNORED);
    assertThat(notices.get(0).message()).contains("goes on with the spec it started with");
    assertThat(clone(name).getStatus().getTargetName()).isEqualTo(done.getStatus().getTargetName());
  }

  @Test
  void startsARunningCloneWhenTheSpecAsksForIt() {
    String source = unique("web");
    createVm(source, "Always", "datadisk");
    String name = unique("clone");
    createClone(name, source, spec -> spec.setRunStrategy(RunStrategy.Always));

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Succeeded);

    GenericKubernetesResource target = vm(clone.getStatus().getTargetName());
    assertThat(json(target).at("/spec/runStrategy").asText()).isEqualTo("Always");
    assertThat(json(target).at("/status/printableStatus").asText()).isEqualTo("Running");
  }

  @Test
  void aFailedCopyEndsFailedWithEverythingItCreatedGone() {
    String source = unique("web");
    createVm(source, "Halted", FAILING_VOLUME);
    String name = unique("clone");
    createClone(name, source);

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Failed);

    String taskId = clone.getStatus().getTaskId();
    assertThat(condition(clone, "Ready")).isEqualTo("False");
    assertThat(reason(clone, "Ready")).isEqualTo("CopyFailed");
    assertThat(taskState(taskId)).isEqualTo("ERROR/ABORTED");
    assertThat(journal(taskId))
        .containsSubsequence(
            "CopyDisks STARTED",
            "CopyDisks FAILED",
            "CopyDisks UNDONE",
            "SnapshotSource UNDONE",
            "FlagEntities UNDONE",
            "Redoable UNDONE",
            "Abort ABORTED");
    assertNothingLeftBehind(taskId, source);
    assertThat(events(name))
        .anyMatch(e -> "Warning".equals(e.getType()) && "CopyFailed".equals(e.getReason()));
  }

  @Test
  void theStatusShowsProgressWhileDisksCopy() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createClone(name, source);

    awaitStep(name, "CopyDisks");

    assertThat(clone(name).getStatus().getPhase()).isEqualTo(ClonePhase.Running);
    awaitPhase(name, ClonePhase.Succeeded);
  }

  @Test
  void clonesFromAVirtualMachineSnapshotWithoutTouchingIt() {
    String source = unique("web");
    createVm(source);
    String snapshot = unique("snap");
    createSnapshot(snapshot, source);
    String name = unique("clone");
    createClone(
        name, snapshot, spec -> spec.getSource().setKind(SourceKind.VirtualMachineSnapshot));

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Succeeded);

    assertThat(clone.getStatus().getSnapshotName()).isEqualTo(snapshot);
    GenericKubernetesResource kept =
        client.genericKubernetesResources(SNAPSHOT).inNamespace(namespace).withName(snapshot).get();
    assertThat(kept).as("the user's snapshot stays").isNotNull();
    assertThat(finalizers(kept)).noneMatch(f -> f.startsWith("vmclone.io/"));
    assertThat(labelled(DATA_VOLUME, clone.getStatus().getTaskId())).hasSize(2);
    assertThat(vm(clone.getStatus().getTargetName())).isNotNull();
  }

  @Test
  void clonesIntoAnotherNamespace() {
    String source = unique("web");
    createVm(source);
    String other = TestControlPlane.newNamespace("other");
    Requesters.grant(other, List.of("serviceaccount:" + namespace + ":" + Requesters.CI_BOT));
    String name = unique("clone");
    createClone(name, source, spec -> spec.setTarget(new CloneTarget("copy-" + name, other)));

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Succeeded);

    String taskId = clone.getStatus().getTaskId();
    assertThat(
            client.genericKubernetesResources(VM).inNamespace(other).withName("copy-" + name).get())
        .isNotNull();
    assertThat(
            client
                .genericKubernetesResources(DATA_VOLUME)
                .inNamespace(other)
                .withLabel("vmclone.io/task-id", taskId)
                .list()
                .getItems())
        .hasSize(2);
    assertThat(labelled(DATA_VOLUME, taskId)).as("nothing left in the source namespace").isEmpty();
  }

  @Test
  void aClonePrunedFromTheJournalKeepsItsStatusAndIsNotClonedAgain() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createClone(name, source);
    VirtualMachineClone done = awaitPhase(name, ClonePhase.Succeeded);
    String taskId = done.getStatus().getTaskId();

    query("DELETE FROM clone_task WHERE id = ?::uuid RETURNING id::text", taskId);
    // Seen on the real API server: a list made right after the operator's own last write of the
    // clone brought no event for it (java-operator-sdk filters the echo of its own writes by
    // resourceVersion). So someone else writes last: a label, which by itself makes no reconcile,
    // the controller being generation-aware.
    VirtualMachineClone before =
        OnConflict.retry(
            () ->
                client
                    .resources(VirtualMachineClone.class)
                    .inNamespace(namespace)
                    .withName(name)
                    .edit(
                        clone -> {
                          clone.getMetadata().setLabels(Map.of("looked-at", "again"));
                          return clone;
                        }));
    // A fresh list of the namespace, as after a restart, makes the operator look at every clone.
    try (ReconcileTrace trace = ReconcileTrace.start()) {
      relistNamespace();
      trace.awaitFinishedReconcileOf(namespace, name);
    }

    VirtualMachineClone after = clone(name);
    assertThat(after.getMetadata().getResourceVersion())
        .as("the status is left as it was")
        .isEqualTo(before.getMetadata().getResourceVersion());
    assertThat(after.getStatus().getTaskId()).isEqualTo(taskId);
    assertThat(
            query(
                "SELECT count(*)::text FROM clone_task WHERE clone_uid = ?",
                done.getMetadata().getUid()))
        .containsExactly("0");
    assertThat(
            client.genericKubernetesResources(VM).inNamespace(namespace).list().getItems().stream()
                .filter(vm -> vm.getMetadata().getName().startsWith(source + "-clone-")))
        .as("one target VM, the first clone's")
        .hasSize(1);
  }

  @Test
  void aPrunedCloneWhoseStatusIsWipedDoesNotRunAgainAndSaysWhy() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    String uid = createClone(name, source).getMetadata().getUid();
    String taskId = awaitPhase(name, ClonePhase.Succeeded).getStatus().getTaskId();
    query(
        "UPDATE clone_task SET completed_at = now() - interval '400 days' WHERE id = ?::uuid"
            + " RETURNING id::text",
        taskId);
    assertThat(pruning.prune(Duration.ofDays(30))).isEqualTo(1);

    client
        .resources(VirtualMachineClone.class)
        .inNamespace(namespace)
        .withName(name)
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":null}");
    relistNamespace();
    VirtualMachineClone refused = awaitPhase(name, ClonePhase.Failed);

    assertThat(reason(refused, "Ready")).isEqualTo("TaskPruned");
    assertThat(message(refused, "Ready")).contains(taskId, "runs only once");
    String refusal = refused.getStatus().getTaskId();
    assertThat(refusal).isNotEqualTo(taskId);
    assertThat(journal(refusal)).as("nothing ran").containsExactly("Reject ABORTED");
    assertThat(query("SELECT id::text FROM clone_task WHERE clone_uid = ?", uid))
        .containsExactly(refusal);
    assertThat(events(name))
        .anyMatch(e -> "Warning".equals(e.getType()) && "TaskPruned".equals(e.getReason()));
    assertThat(
            client.genericKubernetesResources(VM).inNamespace(namespace).list().getItems().stream()
                .filter(vm -> vm.getMetadata().getName().startsWith(source + "-clone-")))
        .as("one target VM, the first run's")
        .hasSize(1);
  }

  @Test
  void aVmLabelledWithARunningClonesTaskIdIsNeverAdoptedStartedOrDeletedWithTheClone() {
    String source = unique("web");
    String victim = unique("victim");
    String victimUid = createVm(victim).getMetadata().getUid();
    String name = unique("clone");
    createClone(
        name,
        source,
        spec -> {
          spec.setTarget(new CloneTarget(victim, null));
          spec.setRunStrategy(RunStrategy.Always);
        });
    // the clone waits for its source (Blocked), its task id already public in its status
    String taskId =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> clone(name).getStatus() == null ? null : clone(name).getStatus().getTaskId(),
                id -> id != null);
    client
        .genericKubernetesResources(VM)
        .inNamespace(namespace)
        .withName(victim)
        .edit(
            vm -> {
              vm.getMetadata().getLabels().put("vmclone.io/task-id", taskId);
              return vm;
            });
    createVm(source);

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Failed);
    client.resources(VirtualMachineClone.class).inNamespace(namespace).withName(name).delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> clone(name) == null);

    assertThat(reason(clone, "Ready")).isEqualTo("TargetExists");
    GenericKubernetesResource after = vm(victim);
    assertThat(after).as("the labelled VM outlives the clone").isNotNull();
    assertThat(after.getMetadata().getUid()).isEqualTo(victimUid);
    assertThat(json(after).at("/spec/runStrategy").asText()).isEqualTo("Halted");
  }
}
