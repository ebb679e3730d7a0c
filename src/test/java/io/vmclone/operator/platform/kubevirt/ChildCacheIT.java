package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.RunStrategy;
import io.vmclone.testing.KubeVirtManifests;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The operator's cache of clone objects ({@link ChildCache}) on the real API server: it holds the
 * objects with the task label only, a read after the operator's own write sees the write, a change
 * by someone else reaches it through the watch and is told by its task id, and what the operator
 * deleted is read from the API server until the watch sees it go.
 */
class ChildCacheIT extends PlatformOnControlPlane {

  @Test
  void aReadRightAfterTheOperatorsWriteSeesTheWrite() {
    String uid = platform.createVm(targetManifest("copy", taskId), owner).uid();

    platform.setRunStrategy(ns, "copy", uid, RunStrategy.Always);

    assertThat(cache.find(KubeVirtResource.VIRTUAL_MACHINE, ns, "copy"))
        .hasValueSatisfying(
            vm -> assertThat(vm.at("/spec/runStrategy").asText()).isEqualTo("Always"));
  }

  @Test
  void aChangeBySomeoneElseReachesTheCacheAndIsToldByTheTaskId() {
    List<String> heard = new CopyOnWriteArrayList<>();
    cache.onChange(heard::add);
    platform.createVm(targetManifest("copy", taskId), owner);
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    patch.putObject("metadata").putObject("labels").put("team", "blue");

    cluster.mergePatch(VIRTUAL_MACHINE, ns, "copy", patch);

    Awaitility.await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(cache.find(KubeVirtResource.VIRTUAL_MACHINE, ns, "copy"))
                    .hasValueSatisfying(
                        vm ->
                            assertThat(vm.at("/metadata/labels/team").asText()).isEqualTo("blue")));
    assertThat(heard).contains(taskId);
    ObjectNode cached = cache.find(KubeVirtResource.VIRTUAL_MACHINE, ns, "copy").orElseThrow();
    assertThat(cached.at("/metadata/managedFields").isMissingNode())
        .as("the cache keeps no managedFields")
        .isTrue();
  }

  @Test
  void anObjectWithoutTheTaskLabelIsNotCachedButStillRead() {
    cluster.create(KubeVirtManifests.vm(ns, "plain", "Halted"));

    assertThat(cache.find(KubeVirtResource.VIRTUAL_MACHINE, ns, "plain")).isEmpty();
    assertThat(cache.lacks(KubeVirtResource.VIRTUAL_MACHINE, ns, "plain")).isTrue();
    assertThat(platform.findVm(ns, "plain")).isPresent();
  }

  @Test
  void whatTheOperatorDeletedIsReadFromTheApiServerUntilTheWatchSeesItGo() {
    platform.createVm(targetManifest("copy", taskId), owner);
    // Settled: the simulator's status write is in the cache, so the delete is not retried.
    Awaitility.await()
        .atMost(PATIENCE)
        .until(
            () ->
                cache
                    .find(KubeVirtResource.VIRTUAL_MACHINE, ns, "copy")
                    .filter(vm -> vm.at("/status/printableStatus").asText().equals("Stopped"))
                    .isPresent());

    platform.deleteVm(ns, "copy", owner);

    // Whether or not the watch has delivered the deletion yet, the cache never answers with the
    // deleted VM (the mark, or the watch's own removal; RecentWritesTest pins the mark itself).
    assertThat(cache.find(KubeVirtResource.VIRTUAL_MACHINE, ns, "copy")).isEmpty();
    assertThat(platform.findVm(ns, "copy")).isEmpty();
  }
}
