package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.operator.platform.kubevirt.VmFixtures.CLONE_UID;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.DEFAULT_SERIAL;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.TARGET_NAME;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.TARGET_NAMESPACE;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.TASK_ID;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.cloneOf;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.storage;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.operator.platform.SnapshotState.VolumeBackup;
import io.vmclone.operator.platform.TargetRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The port's answers are the builder's, on the copies the planning names after the clone. */
class KubeVirtTargetPlanningTest {

  private final KubeVirtTargetPlanning planning = new KubeVirtTargetPlanning();

  @Test
  void buildsTheTargetOnTheCopiesOfTheBackedUpVolumes() {
    ObjectNode source = vm("running-multi-nic");
    List<VolumeBackup> backups =
        VmVolumes.volumesToCopy(source).stream()
            .map(
                volume ->
                    new VolumeBackup(
                        volume.volumeName(),
                        "vmsnapshot-volume-" + volume.volumeName(),
                        storage("10Gi")))
            .toList();

    ObjectNode target =
        planning.build(
            requestFor(source), source, source.at("/metadata/namespace").asText(), backups);

    assertThat(target).isEqualTo(VmFixtures.build(source, cloneOf(source)));
  }

  @Test
  void dryRunPassesASourceTheCloneCanCopy() {
    ObjectNode source = vm("running-multi-nic");

    assertThatCode(() -> planning.dryRun(requestFor(source), source)).doesNotThrowAnyException();
  }

  @Test
  void dryRunRefusesASourceTheCloneCannotCopy() {
    ObjectNode source = vm("persistent-tpm");

    PlatformException refusal =
        catchThrowableOfType(
            PlatformException.class, () -> planning.dryRun(requestFor(source), source));

    assertThat(refusal.reason()).isEqualTo("SourceNotCloneable");
  }

  private static TargetRequest requestFor(ObjectNode source) {
    return new TargetRequest(
        cloneOf(source), CLONE_UID, TASK_ID, TARGET_NAMESPACE, TARGET_NAME, DEFAULT_SERIAL);
  }
}
