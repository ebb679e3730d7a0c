package io.vmclone.operator.platform.kubevirt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.platform.DiskCopyState;
import io.vmclone.operator.platform.DiskCopyState.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiskCopyStatesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "\"{0}\" is {1}%")
  @CsvSource({
    "45.20%, 45",
    "0.00%, 0",
    "99.99%, 99",
    "100.0%, 100",
    "N/A, 0",
    "'', 0",
    "abc%, 0",
    "-3%, 0",
    "250%, 100"
  })
  void progressTextIsReadAsWholePercent(String progress, int percent) {
    assertThat(DiskCopyStates.percent(progress)).isEqualTo(percent);
  }

  @Test
  void newDataVolumeWithoutStatusIsInProgressAtZero() {
    DiskCopyState state = DiskCopyStates.of(dataVolume("{}"));

    assertThat(state).isEqualTo(new DiskCopyState("disk", Phase.IN_PROGRESS, 0, "waiting for CDI"));
  }

  @Test
  void transferInProgressReportsPhaseAndPercent() {
    DiskCopyState state =
        DiskCopyStates.of(
            dataVolume(
                "{\"phase\":\"CloneInProgress\",\"progress\":\"45.20%\",\"conditions\":["
                    + "{\"type\":\"Running\",\"status\":\"True\",\"reason\":\"Pod is running\"}]}"));

    assertThat(state.phase()).isEqualTo(Phase.IN_PROGRESS);
    assertThat(state.progressPercent()).isEqualTo(45);
    assertThat(state.message()).isEqualTo("CloneInProgress: Pod is running");
  }

  @Test
  void succeededIsAHundredPercentWhateverProgressSays() {
    DiskCopyState state =
        DiskCopyStates.of(dataVolume("{\"phase\":\"Succeeded\",\"progress\":\"N/A\"}"));

    assertThat(state.phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(state.progressPercent()).isEqualTo(100);
  }

  @Test
  void failedCarriesTheRunningConditionsMessage() {
    DiskCopyState state =
        DiskCopyStates.of(
            dataVolume(
                "{\"phase\":\"Failed\",\"progress\":\"61.00%\",\"conditions\":["
                    + "{\"type\":\"Ready\",\"status\":\"False\"},"
                    + "{\"type\":\"Running\",\"status\":\"False\",\"reason\":\"Error\","
                    + "\"message\":\"source snapshot is gone\"}]}"));

    assertThat(state)
        .isEqualTo(new DiskCopyState("disk", Phase.FAILED, 61, "source snapshot is gone"));
  }

  @Test
  void failedWithoutConditionsStillSaysItFailed() {
    DiskCopyState state = DiskCopyStates.of(dataVolume("{\"phase\":\"Failed\"}"));

    assertThat(state.message()).isEqualTo("DataVolume failed");
  }

  private static ObjectNode dataVolume(String status) {
    try {
      ObjectNode dataVolume = JSON.createObjectNode();
      dataVolume.putObject("metadata").put("name", "disk");
      dataVolume.set("status", JSON.readTree(status));
      return dataVolume;
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
