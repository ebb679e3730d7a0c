package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.ClonePolicy;
import io.vmclone.operator.api.CloneTarget;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.testing.OperatorOnControlPlane;
import io.vmclone.testing.PostgresResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Each conflict and bad input ends in a named reason and an event, and overwrites nothing; a bad
 * spec is refused before it is stored, by the API server with the operator's webhook and the CRD.
 */
@QuarkusTest
@QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class ConflictsIT extends OperatorIT {

  @Test
  void aMissingSourceBlocksTheCloneUntilTheVmAppears() {
    String source = unique("late");
    String name = unique("clone");
    createClone(name, source);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                clone(name).getStatus() != null
                    && "True".equals(condition(clone(name), "Blocked")));
    VirtualMachineClone blocked = clone(name);
    assertThat(blocked.getStatus().getPhase()).isEqualTo(ClonePhase.Pending);
    assertThat(reason(blocked, "Blocked")).isEqualTo("SourceNotFound");
    assertThat(events(name)).anyMatch(e -> "SourceNotFound".equals(e.getReason()));

    createVm(source);
    VirtualMachineClone done = awaitPhase(name, ClonePhase.Succeeded);
    assertThat(condition(done, "Blocked")).isEqualTo("False");
  }

  @Test
  void aSourceThatNeverAppearsFailsWithDeadlineExceeded() {
    String name = unique("clone");
    createClone(name, unique("never"), spec -> spec.setPolicy(new ClonePolicy(null, "2s")));

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Failed);

    assertThat(reason(clone, "Ready")).isEqualTo("DeadlineExceeded");
    assertThat(events(name)).anyMatch(e -> "DeadlineExceeded".equals(e.getReason()));
  }

  @Test
  void aTargetVmThatIsNotOursFailsTheCloneAndStaysUntouched() {
    String source = unique("web");
    createVm(source);
    String existing = unique("taken");
    JsonNode before = userVisible(createVm(existing));
    String name = unique("clone");
    createClone(name, source, spec -> spec.setTarget(new CloneTarget(existing, null)));

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Failed);

    assertThat(reason(clone, "Ready")).isEqualTo("TargetExists");
    assertThat(userVisible(vm(existing))).isEqualTo(before);
    assertThat(events(name)).anyMatch(e -> "TargetExists".equals(e.getReason()));
  }

  @Test
  void aTargetNameHeldByAnotherActiveCloneFailsTheSecond() {
    String source = unique("web");
    createVm(source);
    String target = unique("shared-target");
    String first = unique("first");
    createClone(first, source, spec -> spec.setTarget(new CloneTarget(target, null)));
    awaitPhase(first, ClonePhase.Running);

    String second = unique("second");
    createClone(second, source, spec -> spec.setTarget(new CloneTarget(target, null)));

    VirtualMachineClone loser = awaitPhase(second, ClonePhase.Failed);
    assertThat(reason(loser, "Ready")).isEqualTo("TargetNameInUse");
    VirtualMachineClone winner = awaitPhase(first, ClonePhase.Succeeded);
    assertThat(vm(target).getMetadata().getLabels())
        .containsEntry("vmclone.io/task-id", winner.getStatus().getTaskId());
  }

  @Test
  void aBadFilterIsRefusedWhenTheCloneIsCreatedNamingTheField() {
    String name = unique("clone");

    assertRefusedAtCreation(
        name, spec -> spec.setLabelFilters(List.of("app", "te*am")), "spec.labelFilters[1]");
  }

  @Test
  void aBadMacAddressIsRefusedWhenTheCloneIsCreated() {
    String name = unique("clone");

    assertRefusedAtCreation(
        name, spec -> spec.setNewMacAddresses(Map.of("default", "not-a-mac")), "newMacAddresses");
  }

  @Test
  void aPatchThatDoesNotApplyFailsBeforeAnythingIsCopied() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createClone(
        name,
        source,
        spec -> spec.setPatches(List.of("{\"op\":\"remove\",\"path\":\"/spec/no/such/field\"}")));

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Failed);

    assertThat(reason(clone, "Ready")).isEqualTo("InvalidSpec");
    assertThat(message(clone, "Ready")).contains("spec.patches[0]");
    assertThat(journal(clone.getStatus().getTaskId())).doesNotContain("SnapshotSource STARTED");
  }

  @Test
  void aSourceWithPersistentTpmIsNotCloneable() {
    String source = unique("tpm");
    createVm(
        source,
        "Halted",
        "datadisk",
        vm -> vm.setAdditionalProperty("spec", withPersistentTpm(vm)));
    String name = unique("clone");
    createClone(name, source);

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Failed);

    assertThat(reason(clone, "Ready")).isEqualTo("SourceNotCloneable");
    assertThat(message(clone, "Ready")).containsIgnoringCase("TPM");
  }

  @Test
  void aSpecChangeAfterTheStartIsRefusedAndTheCloneGoesOnAsAsked() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createClone(name, source);
    awaitPhase(name, ClonePhase.Running);

    assertThatThrownBy(
            () ->
                OnConflict.retry(
                    () ->
                        client
                            .resources(VirtualMachineClone.class)
                            .inNamespace(namespace)
                            .withName(name)
                            .edit(
                                changed -> {
                                  changed
                                      .getSpec()
                                      .setTarget(new CloneTarget("another-name", null));
                                  return changed;
                                })))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getMessage())
                  .contains("spec is immutable once the clone exists");
            });

    VirtualMachineClone done = awaitPhase(name, ClonePhase.Succeeded);
    assertThat(done.getStatus().getTargetName()).isNotEqualTo("another-name");
    assertThat(vm("another-name")).isNull();
  }

  @Test
  void deletingACloneMidwayUndoesEverythingItCreated() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createClone(name, source);
    awaitStep(name, "CopyDisks");
    String taskId = clone(name).getStatus().getTaskId();

    client.resources(VirtualMachineClone.class).inNamespace(namespace).withName(name).delete();

    await().atMost(Duration.ofSeconds(20)).until(() -> clone(name) == null);
    assertThat(taskState(taskId)).isEqualTo("ERROR/ABORTED");
    assertNothingLeftBehind(taskId, source);
  }

  /** What the user wrote: spec, labels, annotations (KubeVirt's status changes on its own). */
  private JsonNode userVisible(GenericKubernetesResource vm) {
    ObjectNode node = (ObjectNode) json(vm).deepCopy();
    node.remove("status");
    ((ObjectNode) node.get("metadata")).retain("name", "labels", "annotations", "finalizers");
    return node;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withPersistentTpm(GenericKubernetesResource vm) {
    Map<String, Object> spec = (Map<String, Object>) vm.getAdditionalProperties().get("spec");
    Map<String, Object> template = (Map<String, Object>) spec.get("template");
    Map<String, Object> domain =
        (Map<String, Object>) ((Map<String, Object>) template.get("spec")).get("domain");
    Map<String, Object> devices = (Map<String, Object>) domain.get("devices");
    devices.put("tpm", Map.of("persistent", true));
    return spec;
  }

  /**
   * The API server, calling the validating webhook, refuses the clone with 422 and the webhook's
   * message naming the field; nothing is stored, so the operator never sees it.
   */
  private void assertRefusedAtCreation(
      String name, Consumer<VirtualMachineCloneSpec> badSpec, String field) {
    String source = unique("web");
    createVm(source);

    assertThatThrownBy(() -> createClone(name, source, badSpec))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getMessage())
                  .contains("denied the request", "is invalid", field);
            });
    assertThat(clone(name)).isNull();
  }
}
