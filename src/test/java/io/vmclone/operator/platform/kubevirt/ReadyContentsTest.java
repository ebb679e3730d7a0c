package io.vmclone.operator.platform.kubevirt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.platform.SnapshotState;
import io.vmclone.operator.platform.SnapshotState.Phase;
import io.vmclone.operator.platform.SnapshotState.VolumeBackup;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ReadyContents}: what it answers, for which snapshot, and how much it keeps. */
class ReadyContentsTest {

  private final ReadyContents contents = new ReadyContents(2);

  @Test
  void answersAReadyStateForThatContentOfThatSnapshotOnly() {
    SnapshotState ready = ready("web");

    contents.remember("ns", "content-1", "uid-1", ready);

    assertThat(contents.find("ns", "content-1", "uid-1")).contains(ready);
    assertThat(contents.find("ns", "content-1", "uid-2")).as("another snapshot").isEmpty();
    assertThat(contents.find("ns", "content-2", "uid-1")).as("another content").isEmpty();
    assertThat(contents.find("other", "content-1", "uid-1")).as("another namespace").isEmpty();
  }

  @Test
  void remembersNothingButReadyStates() {
    contents.remember(
        "ns", "c", "u1", new SnapshotState(Phase.IN_PROGRESS, "wait", null, List.of()));
    contents.remember("ns", "c", "u2", new SnapshotState(Phase.FAILED, "broken", null, List.of()));

    assertThat(contents.find("ns", "c", "u1")).isEmpty();
    assertThat(contents.find("ns", "c", "u2")).isEmpty();
    assertThat(contents.size()).isZero();
  }

  @Test
  void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
    contents.remember("ns", "a", "ua", ready("a"));
    contents.remember("ns", "b", "ub", ready("b"));
    contents.find("ns", "a", "ua");

    contents.remember("ns", "c", "uc", ready("c"));

    assertThat(contents.size()).isEqualTo(2);
    assertThat(contents.find("ns", "b", "ub")).isEmpty();
    assertThat(contents.find("ns", "a", "ua")).isPresent();
    assertThat(contents.find("ns", "c", "uc")).isPresent();
  }

  @Test
  void noCallerCanChangeWhatAnotherReads() {
    SnapshotState given = ready("web");
    contents.remember("ns", "c", "u", given);
    given.vm().put("changedByTheFirstReader", true);
    given.volumes().get(0).storage().put("changed", true);

    SnapshotState found = contents.find("ns", "c", "u").orElseThrow();
    found.vm().put("changedByTheSecondReader", true);

    SnapshotState again = contents.find("ns", "c", "u").orElseThrow();
    assertThat(again).isEqualTo(ready("web"));
  }

  private static SnapshotState ready(String vmName) {
    ObjectNode vm = JsonNodeFactory.instance.objectNode();
    vm.put("kind", "VirtualMachine").putObject("metadata").put("name", vmName);
    ObjectNode storage = JsonNodeFactory.instance.objectNode();
    storage.putObject("resources").putObject("requests").put("storage", "10Gi");
    return new SnapshotState(
        Phase.READY, "", vm, List.of(new VolumeBackup("rootdisk", "vs-rootdisk", storage)));
  }
}
