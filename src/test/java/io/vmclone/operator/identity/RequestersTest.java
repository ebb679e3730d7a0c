package io.vmclone.operator.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.testing.TaskRecords;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestersTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void readsBackWhatTheTaskOpenerStored() {
    RequesterIdentity builder =
        new RequesterIdentity(
            "system:serviceaccount:ci:builder",
            "uid-1",
            List.of("system:serviceaccounts", "system:authenticated"),
            Map.of("authentication.kubernetes.io/credential-id", List.of("JTI=abc")));

    assertThat(Requesters.of(task(MAPPER.valueToTree(builder)))).contains(builder);
  }

  @Test
  void aRowFromBeforeExtrasWereKeptReadsWithNone() throws Exception {
    JsonNode old = MAPPER.readTree("{\"username\":\"alice\",\"uid\":\"\",\"groups\":[\"dev\"]}");

    assertThat(Requesters.of(task(old)))
        .contains(new RequesterIdentity("alice", "", List.of("dev")));
  }

  @Test
  void noRequesterReadsAsNone() {
    assertThat(Requesters.of(task(null))).isEmpty();
    assertThat(Requesters.of(task(MAPPER.createObjectNode().put("uid", "x")))).isEmpty();
  }

  private static TaskRecord task(JsonNode requester) {
    return TaskRecords.task(UUID.randomUUID()).requester(requester).build();
  }
}
