package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE;
import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE_SNAPSHOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.platform.ObjectRef;
import io.vmclone.operator.platform.SourceObject;
import io.vmclone.testing.KubeVirtManifests;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The source's finalizer put on the source as FlagEntities read it ({@code
 * addFinalizer(SourceObject, ...)}): one update conditioned on that read's resourceVersion, and a
 * read only when the source changed or went away since, on the real API server as the operator's
 * ServiceAccount.
 */
class FinalizersIT extends PlatformOnControlPlane {

  private static final String KEPT = "example.com/keep";
  private static final String OURS = "vmclone.io/clone-f";

  @Test
  void aVmUnchangedSinceItWasReadGetsTheFinalizerInOneUpdateWithoutARead() {
    SourceObject source = settledVm("still", KEPT);

    List<String> sent = logged(p -> p.addFinalizer(source, OURS));

    assertThat(sent).containsExactly("PUT virtualmachines/still");
    assertThat(finalizers("still")).containsExactly(KEPT, OURS);
  }

  @Test
  void aVmChangedSinceItWasReadGetsTheFinalizerAfterAReadAndKeepsTheChange() {
    SourceObject source = settledVm("moving", KEPT);
    cluster.mergePatch(VIRTUAL_MACHINE, ns, "moving", annotation("changed"));

    List<String> sent = logged(p -> p.addFinalizer(source, OURS));

    assertThat(sent)
        .containsExactly(
            "PUT virtualmachines/moving",
            "GET virtualmachines/moving",
            "PUT virtualmachines/moving");
    assertThat(finalizers("moving")).containsExactly(KEPT, OURS);
    assertThat(
            cluster
                .require(VIRTUAL_MACHINE, ns, "moving")
                .at("/metadata/annotations/test.vmclone.io~1note")
                .asText())
        .isEqualTo("changed");
  }

  @Test
  void aVmThatAlreadyHasTheFinalizerIsNotWritten() {
    SourceObject source = settledVm("held", OURS);

    assertThat(logged(p -> p.addFinalizer(source, OURS))).isEmpty();
    assertThat(finalizers("held")).containsExactly(OURS);
  }

  @Test
  void aVmReadAsBeingDeletedIsRefusedWithoutARequest() {
    settledVm("leaving", KEPT);
    cluster.delete(VIRTUAL_MACHINE, ns, "leaving");
    SourceObject source = platform.findSource(ref("leaving")).orElseThrow();
    RequestLog log = new RequestLog();

    String refused =
        refusal(Reasons.SOURCE_NOT_FOUND, () -> logged(log, p -> p.addFinalizer(source, OURS)));

    assertThat(refused).contains("is being deleted");
    assertThat(log.requests()).isEmpty();
    assertThat(finalizers("leaving")).containsExactly(KEPT);
  }

  @Test
  void aVmGoneSinceItWasReadIsRefused() {
    SourceObject source = settledVm("gone");
    cluster.delete(VIRTUAL_MACHINE, ns, "gone");

    RequestLog log = new RequestLog();

    String refused =
        refusal(Reasons.SOURCE_NOT_FOUND, () -> logged(log, p -> p.addFinalizer(source, OURS)));

    assertThat(refused).contains("does not exist");
    assertThat(log.requests())
        .containsExactly("PUT virtualmachines/gone", "GET virtualmachines/gone");
    assertThat(cluster.get(VIRTUAL_MACHINE, ns, "gone")).isEmpty();
  }

  @Test
  void aSnapshotSourceGetsTheFinalizerOnTheSnapshotNotOnTheVmItRecorded() {
    settledVm("db");
    cluster.create(KubeVirtManifests.snapshot(ns, "db-nightly", "db"));
    ObjectRef ref = new ObjectRef("VirtualMachineSnapshot", ns, "db-nightly");
    SourceObject source =
        await().atMost(PATIENCE).until(() -> platform.findSource(ref).get(), SourceObject::ready);

    List<String> sent = logged(p -> p.addFinalizer(source, OURS));

    assertThat(sent)
        .containsExactly(
            "GET virtualmachinesnapshots/db-nightly", "PUT virtualmachinesnapshots/db-nightly");
    assertThat(
            cluster
                .require(VIRTUAL_MACHINE_SNAPSHOT, ns, "db-nightly")
                .at("/metadata/finalizers")
                .toString())
        .contains(OURS);
    assertThat(finalizers("db")).isEmpty();
  }

  /**
   * A halted VM with these finalizers, read once the simulator has written its status (a change
   * after the read would make the update conflict).
   */
  private SourceObject settledVm(String name, String... finalizers) {
    ObjectNode vm = KubeVirtManifests.vm(ns, name, "Halted");
    var list = ((ObjectNode) vm.get("metadata")).putArray("finalizers");
    for (String finalizer : finalizers) {
      list.add(finalizer);
    }
    cluster.create(vm);
    await()
        .atMost(PATIENCE)
        .until(() -> "Stopped".equals(platform.findVm(ns, name).get().printableStatus()));
    return platform.findSource(ref(name)).orElseThrow();
  }

  /** The requests the operator's platform sends for the call, on a client of its own. */
  private static List<String> logged(Consumer<KubeVirtPlatform> call) {
    return logged(new RequestLog(), call);
  }

  private static List<String> logged(RequestLog log, Consumer<KubeVirtPlatform> call) {
    try (KubernetesClient client = operatorClient(log)) {
      call.accept(new KubeVirtPlatform(client, cache));
    }
    return log.requests();
  }

  private ObjectRef ref(String name) {
    return new ObjectRef("VirtualMachine", ns, name);
  }

  private static ObjectNode annotation(String value) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    patch.putObject("metadata").putObject("annotations").put("test.vmclone.io/note", value);
    return patch;
  }
}
