package io.vmclone.operator.platform.kubevirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.platform.ObjectRef;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.testing.KubeVirtKind;
import io.vmclone.testing.KubeVirtManifests;
import io.vmclone.testing.TestControlPlane;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The in-recovery annotation on a source VM as {@link KubeVirtPlatform#clearInRecovery} takes a
 * task off it, on the real API server, counted in its audit log: one compare-and-remove patch when
 * the annotation names only the task, a read and an update when it names others too.
 */
class RecoveryAnnotationIT extends PlatformOnControlPlane {

  @Test
  void theOnlyTaskLeavesItsSourceInOnePatchWithoutARead() {
    createSource("web", taskId);
    long before = TestControlPlane.get().auditLog().end();

    platform.clearInRecovery(ref("web"), taskId);

    assertThat(annotations("web")).doesNotContainKey(VmPlatform.IN_RECOVERY_ANNOTATION);
    assertThat(operatorCalls(before, "web")).containsExactly("patch 200");
  }

  @Test
  void oneOfTwoTasksLeavesTheOtherInTheAnnotation() {
    createSource("shared", taskId + ",other-task");
    long before = TestControlPlane.get().auditLog().end();

    platform.clearInRecovery(ref("shared"), taskId);

    assertThat(annotations("shared"))
        .containsEntry(VmPlatform.IN_RECOVERY_ANNOTATION, "other-task");
    assertThat(operatorCalls(before, "shared"))
        .containsExactly("patch 422", "get 200", "update 200");

    long then = TestControlPlane.get().auditLog().end();
    platform.clearInRecovery(ref("shared"), "other-task");

    assertThat(annotations("shared")).doesNotContainKey(VmPlatform.IN_RECOVERY_ANNOTATION);
    assertThat(operatorCalls(then, "shared")).containsExactly("patch 200");
  }

  @Test
  void aTaskTheAnnotationDoesNotNameChangesNothing() {
    createSource("other", "other-task");
    createSource("plain", null);

    platform.clearInRecovery(ref("other"), taskId);
    platform.clearInRecovery(ref("plain"), taskId);

    assertThat(annotations("other")).containsEntry(VmPlatform.IN_RECOVERY_ANNOTATION, "other-task");
    assertThat(annotations("plain")).doesNotContainKey(VmPlatform.IN_RECOVERY_ANNOTATION);
  }

  @Test
  void aMissingSourceIsFine() {
    platform.clearInRecovery(ref("nothing"), taskId);

    assertThat(cluster.get(KubeVirtKind.VIRTUAL_MACHINE, ns, "nothing")).isEmpty();
  }

  /** A halted VM whose in-recovery annotation says {@code tasks} (null: no annotation). */
  private void createSource(String name, String tasks) {
    ObjectNode vm = KubeVirtManifests.vm(ns, name, "Halted");
    if (tasks != null) {
      ((ObjectNode) vm.get("metadata"))
          .putObject("annotations")
          .put(VmPlatform.IN_RECOVERY_ANNOTATION, tasks);
    }
    cluster.create(vm);
    // The simulator writes the VM's status once; a write of it between our read and update would
    // rightly cost a conflict and a read more, which the counts here do not allow.
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                cluster
                    .require(KubeVirtKind.VIRTUAL_MACHINE, ns, name)
                    .at("/status/printableStatus")
                    .asText()
                    .equals("Stopped"));
  }

  private ObjectRef ref(String name) {
    return new ObjectRef("VirtualMachine", ns, name);
  }

  private Map<String, String> annotations(String name) {
    Map<String, String> found = new HashMap<>();
    cluster
        .require(KubeVirtKind.VIRTUAL_MACHINE, ns, name)
        .path("metadata")
        .path("annotations")
        .properties()
        .forEach(e -> found.put(e.getKey(), e.getValue().asText()));
    return found;
  }

  /** "verb code" of each request the operator made on the VM after the audit log's point. */
  private List<String> operatorCalls(long point, String name) {
    return TestControlPlane.operatorRequestsSince(
            point,
            e ->
                "virtualmachines".equals(e.resource())
                    && ns.equals(e.namespace())
                    && name.equals(e.name()))
        .stream()
        .map(e -> e.verb() + " " + e.code())
        .toList();
  }
}
