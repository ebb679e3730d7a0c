package io.vmclone.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.OperatorException;
import io.vmclone.operator.api.ConditionTypes;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.api.VirtualMachineCloneStatus;
import io.vmclone.operator.journal.JournalUnavailableException;
import io.vmclone.operator.workflow.CreationKeyUnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcileFailureTest {

  @Test
  void aDatabaseFailureWrappedByJosdkIsNamedAsSuch() {
    ReconcileFailure failure =
        ReconcileFailure.of(
            new OperatorException(
                new JournalUnavailableException("the journal database cannot be reached", null)));
    assertThat(failure.reason()).isEqualTo(Reasons.DATABASE_UNAVAILABLE);
    assertThat(failure.message()).isEqualTo("the journal database cannot be reached (retrying)");
  }

  @Test
  void anApiServerFailureIsNamedAsSuch() {
    assertThat(ReconcileFailure.of(new KubernetesClientException("boom")).reason())
        .isEqualTo(Reasons.API_SERVER_ERROR);
  }

  @Test
  void aMissingCreationKeyIsNamedAsSuch() {
    ReconcileFailure failure =
        ReconcileFailure.of(
            new CreationKeyUnavailableException(
                "the creation key Secret vmclone-system/vmclone-creation-key cannot be read",
                null));
    assertThat(failure.reason()).isEqualTo(Reasons.CREATION_KEY_UNAVAILABLE);
    assertThat(failure.message())
        .isEqualTo(
            "the creation key Secret vmclone-system/vmclone-creation-key cannot be read"
                + " (retrying)");
  }

  @Test
  void anythingElseNamesTheExceptionInTheMessage() {
    ReconcileFailure failure = ReconcileFailure.of(new IllegalStateException("odd"));
    assertThat(failure.reason()).isEqualTo(Reasons.RECONCILE_ERROR);
    assertThat(failure.message()).isEqualTo("IllegalStateException: odd (retrying)");
  }

  @Test
  void itIsShownWhenTheProgressingConditionCarriesItsReason() {
    ReconcileFailure failure = ReconcileFailure.of(new KubernetesClientException("boom"));
    VirtualMachineCloneStatus status = new VirtualMachineCloneStatus();
    assertThat(failure.shownIn(null)).isFalse();
    assertThat(failure.shownIn(status)).isFalse();
    status.setConditions(
        List.of(
            new ConditionBuilder()
                .withType(ConditionTypes.PROGRESSING)
                .withStatus("False")
                .withReason(Reasons.API_SERVER_ERROR)
                .build()));
    assertThat(failure.shownIn(status)).isTrue();
  }
}
