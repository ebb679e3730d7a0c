package io.vmclone.operator.platform.kubevirt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.platform.SnapshotState;
import io.vmclone.operator.platform.SnapshotState.Phase;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotStatesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TASK = "6f1c0f52-2a52-4d0b-9a3e-1f0d5c0e9b11";

  @Test
  void readySnapshotGivesTheRecordedVmAndItsVolumeBackups() {
    SnapshotState state =
        SnapshotStates.of(
            snapshot(TASK, "{\"phase\":\"Succeeded\",\"readyToUse\":true}"),
            Optional.of(content()));

    assertThat(state.phase()).isEqualTo(Phase.READY);
    assertThat(state.vm().path("apiVersion").asText()).isEqualTo("kubevirt.io/v1");
    assertThat(state.vm().path("kind").asText()).isEqualTo("VirtualMachine");
    assertThat(state.vm().at("/metadata/name").asText()).isEqualTo("web");
    assertThat(state.volumes()).hasSize(2);
    SnapshotState.VolumeBackup root = state.volumes().get(0);
    assertThat(root.volumeName()).isEqualTo("rootdisk");
    assertThat(root.volumeSnapshotName()).isEqualTo("vmsnapshot-u1-volume-rootdisk");
    assertThat(root.storage())
        .isEqualTo(
            json(
                "{\"accessModes\":[\"ReadWriteOnce\"],\"storageClassName\":\"fast\","
                    + "\"volumeMode\":\"Block\",\"resources\":{\"requests\":{\"storage\":\"30Gi\"}}}"));
    assertThat(state.volumes().get(1).storage())
        .isEqualTo(json("{\"resources\":{\"requests\":{\"storage\":\"10Gi\"}}}"));
  }

  @Test
  void failedPhaseReportsTheErrorMessage() {
    SnapshotState state =
        SnapshotStates.of(
            snapshot(
                TASK,
                "{\"phase\":\"Failed\",\"readyToUse\":false,"
                    + "\"error\":{\"message\":\"snapshot deadline exceeded\"}}"),
            Optional.empty());

    assertThat(state.phase()).isEqualTo(Phase.FAILED);
    assertThat(state.message()).isEqualTo("snapshot deadline exceeded");
  }

  @Test
  void anErrorWhileNotReadyIsAFailure() {
    SnapshotState state =
        SnapshotStates.of(
            snapshot(TASK, "{\"phase\":\"InProgress\",\"error\":{\"message\":\"freeze failed\"}}"),
            Optional.empty());

    assertThat(state.phase()).isEqualTo(Phase.FAILED);
  }

  @Test
  void failedWithoutErrorUsesTheFailureCondition() {
    SnapshotState state =
        SnapshotStates.of(
            snapshot(
                TASK,
                "{\"phase\":\"Failed\",\"conditions\":[{\"type\":\"Failure\",\"status\":\"True\","
                    + "\"reason\":\"snapshot deadline exceeded\"}]}"),
            Optional.empty());

    assertThat(state.message()).isEqualTo("snapshot deadline exceeded");
  }

  @Test
  void progressingSnapshotSaysWhatItWaitsFor() {
    SnapshotState state =
        SnapshotStates.of(
            snapshot(
                TASK,
                "{\"phase\":\"InProgress\",\"conditions\":[{\"type\":\"Progressing\","
                    + "\"status\":\"True\",\"reason\":\"Source locked and operation in progress\"}]}"),
            Optional.empty());

    assertThat(state.phase()).isEqualTo(Phase.IN_PROGRESS);
    assertThat(state.message()).isEqualTo("Source locked and operation in progress");
    assertThat(state.vm()).isNull();
    assertThat(state.volumes()).isEmpty();
  }

  @Test
  void readyWithoutItsContentIsStillInProgress() {
    SnapshotState state =
        SnapshotStates.of(snapshot(TASK, "{\"readyToUse\":true}"), Optional.empty());

    assertThat(state.phase()).isEqualTo(Phase.IN_PROGRESS);
  }

  @Test
  void contentNameComesFromStatusOrFromTheUid() {
    assertThat(SnapshotStates.contentName(snapshot(TASK, "{}"))).isEqualTo("vmsnapshot-content-u1");
    assertThat(
            SnapshotStates.contentName(
                snapshot(TASK, "{\"virtualMachineSnapshotContentName\":\"custom\"}")))
        .isEqualTo("custom");
  }

  private static ObjectNode snapshot(String taskId, String status) {
    ObjectNode snapshot =
        json("{\"metadata\":{\"name\":\"snap\",\"namespace\":\"ns\",\"uid\":\"u1\"}}");
    ((ObjectNode) snapshot.get("metadata")).putObject("labels").put("vmclone.io/task-id", taskId);
    snapshot.set("status", json(status));
    return snapshot;
  }

  private static ObjectNode content() {
    return json(
        "{\"metadata\":{\"name\":\"vmsnapshot-content-u1\"},\"spec\":{"
            + "\"source\":{\"virtualMachine\":{\"metadata\":{\"name\":\"web\"},\"spec\":{}}},"
            + "\"volumeBackups\":["
            + "{\"volumeName\":\"rootdisk\",\"volumeSnapshotName\":\"vmsnapshot-u1-volume-rootdisk\","
            + "\"persistentVolumeClaim\":{\"metadata\":{\"name\":\"web-root\"},\"spec\":{"
            + "\"accessModes\":[\"ReadWriteOnce\"],\"storageClassName\":\"fast\","
            + "\"volumeMode\":\"Block\",\"volumeName\":\"pv-1\","
            + "\"resources\":{\"requests\":{\"storage\":\"30Gi\"}}}}},"
            + "{\"volumeName\":\"datadisk\",\"volumeSnapshotName\":\"vmsnapshot-u1-volume-datadisk\","
            + "\"persistentVolumeClaim\":{\"metadata\":{\"name\":\"web-data\"},\"spec\":{"
            + "\"resources\":{\"requests\":{\"storage\":\"10Gi\"}}}}}]}}");
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
