package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.vmclone.operator.api.JournalTailEntry;
import io.vmclone.operator.api.Requester;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.api.VirtualMachineCloneStatus;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.testing.Requesters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a succeeded clone's status as the API server stores it (raw JSON, after its structural
 * schema pruned whatever it does not declare) against what the operator writes: every property of
 * its status model, nested ones included, and the values the journal in PostgreSQL (the source of
 * truth the status is projected from) and the cluster say it must hold.
 */
final class StatusRoundTrip {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> CONDITION_FIELDS =
      Set.of("type", "status", "reason", "message", "lastTransitionTime", "observedGeneration");

  private final OperatorIT test;
  private final String source;

  StatusRoundTrip(OperatorIT test, String source) {
    this.test = test;
    this.source = source;
  }

  void assertKeptEverything(VirtualMachineClone clone, JsonNode stored) {
    JsonNode status = stored.path("status");
    assertThat(names(status)).as("status").isEqualTo(properties(VirtualMachineCloneStatus.class));
    assertThat(names(status.path("requester")))
        .as("status.requester")
        .isEqualTo(properties(Requester.class));
    for (JsonNode condition : status.path("conditions")) {
      assertThat(names(condition)).as("a condition").isEqualTo(new TreeSet<>(CONDITION_FIELDS));
    }
    assertThat(status.path("conditions"))
        .extracting(c -> c.path("type").asText())
        .containsExactlyInAnyOrder("Ready", "Progressing", "Recovering", "Blocked");
    assertValuesFromTheJournal(clone, stored, status);
  }

  private void assertValuesFromTheJournal(
      VirtualMachineClone clone, JsonNode stored, JsonNode status) {
    String uid = clone.getMetadata().getUid();
    String taskId = test.query("SELECT id::text FROM clone_task WHERE clone_uid = ?", uid).get(0);
    assertThat(status.path("taskId").asText()).isEqualTo(taskId);
    assertThat(tail(status)).isEqualTo(journalRows(taskId));
    assertThat(status.path("requester").path("username").asText())
        .isEqualTo(Requesters.ciBotUser(test.namespace));
    assertThat(status.path("requester").path("uid").asText())
        .isEqualTo(
            test.client
                .serviceAccounts()
                .inNamespace(test.namespace)
                .withName(Requesters.CI_BOT)
                .get()
                .getMetadata()
                .getUid());
    assertThat(status.path("requester").path("actingAs").asText()).isEqualTo("Token");
    assertThat(status.path("sourceUid").asText()).isEqualTo(test.vm(source).getMetadata().getUid());
    assertThat(status.path("snapshotName").asText()).isEqualTo(ChildNames.snapshotName(uid));
    assertThat(test.vm(status.path("targetName").asText())).isNotNull();
    assertThat(status.path("targetNamespace").asText()).isEqualTo(test.namespace);
    List<String> dataVolumes = new ArrayList<>();
    status.path("dataVolumeNames").forEach(n -> dataVolumes.add(n.asText()));
    assertThat(dataVolumes)
        .containsExactlyInAnyOrderElementsOf(
            test.labelled(OperatorIT.DATA_VOLUME, taskId).stream()
                .map(dv -> dv.getMetadata().getName())
                .toList());
    assertThat(micros(status.path("startTime").asText()))
        .isEqualTo(
            test.query(
                    "SELECT (extract(epoch FROM started_at) * 1000000)::bigint::text"
                        + " FROM clone_task WHERE id = ?::uuid",
                    taskId)
                .get(0));
    assertThat(micros(status.path("completionTime").asText()))
        .isEqualTo(
            test.query(
                    "SELECT (extract(epoch FROM completed_at) * 1000000)::bigint::text"
                        + " FROM clone_task WHERE id = ?::uuid",
                    taskId)
                .get(0));
    assertThat(status.path("observedGeneration").asLong())
        .isEqualTo(stored.at("/metadata/generation").asLong());
    assertThat(status.path("progress").asInt()).isEqualTo(100);
    assertThat(status.path("restarts").asInt()).isZero();
  }

  /** The journal tail as "seq action state micros message" lines. */
  private static List<String> tail(JsonNode status) {
    List<String> lines = new ArrayList<>();
    for (JsonNode entry : status.path("journal")) {
      assertThat(names(entry))
          .as("a journal entry")
          .isSubsetOf(properties(JournalTailEntry.class))
          .contains("seq", "action", "state", "time");
      lines.add(
          entry.path("seq").asText()
              + " "
              + entry.path("action").asText()
              + " "
              + entry.path("state").asText()
              + " "
              + micros(entry.path("time").asText())
              + " "
              + entry.path("message").asText(""));
    }
    return lines;
  }

  private List<String> journalRows(String taskId) {
    return test.query(
        "SELECT seq || ' ' || action || ' ' || state || ' '"
            + " || (extract(epoch FROM written_at) * 1000000)::bigint || ' ' || coalesce(message, '')"
            + " FROM journal_entry WHERE task_id = ?::uuid ORDER BY seq",
        taskId);
  }

  private static String micros(String time) {
    Instant instant = Instant.parse(time);
    return Long.toString(instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000);
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The JSON properties of one of the operator's status classes. */
  private static Set<String> properties(Class<?> type) {
    JavaType javaType = MAPPER.constructType(type);
    Set<String> names = new TreeSet<>();
    for (BeanPropertyDefinition property :
        MAPPER.getSerializationConfig().introspect(javaType).findProperties()) {
      names.add(property.getName());
    }
    return names;
  }
}
