package io.vmclone.sandbox.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonPathTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode vm() throws Exception {
    return MAPPER.readTree(
        """
        {"metadata": {"name": "fedora", "labels": {"kubevirt.io/os": "linux"}},
         "spec": {"disks": [{"name": "root"}, {"name": "data"}]},
         "status": {"conditions": [
            {"type": "Progressing", "status": "False"},
            {"type": "Ready", "status": "True"}]}}
        """);
  }

  @Test
  void followsFieldsIndexesAndFilters() throws Exception {
    assertThat(JsonPath.parse(".metadata.name").find(vm()).map(JsonNode::asText))
        .hasValue("fedora");
    assertThat(JsonPath.parse(".spec.disks[1].name").find(vm()).map(JsonNode::asText))
        .hasValue("data");
    assertThat(
            JsonPath.parse(".status.conditions[?(@.type=='Ready')].status")
                .find(vm())
                .map(JsonNode::asText))
        .hasValue("True");
    assertThat(JsonPath.parse("{.metadata.name}").find(vm()).map(JsonNode::asText))
        .hasValue("fedora");
  }

  @Test
  void findsNothingWhereAStepIsMissing() throws Exception {
    assertThat(JsonPath.parse(".status.phase").find(vm())).isEmpty();
    assertThat(JsonPath.parse(".spec.disks[5].name").find(vm())).isEmpty();
    assertThat(JsonPath.parse(".status.conditions[?(@.type=='Paused')].status").find(vm()))
        .isEmpty();
  }

  @Test
  void refusesWhatItDoesNotUnderstand() {
    assertThatThrownBy(() -> JsonPath.parse(".spec.disks[*].name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[*]");
  }
}
