package io.vmclone.sandbox.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FieldSelectorTest {

  private static JsonNode event(String name, String uid) throws Exception {
    return new ObjectMapper()
        .readTree(
            "{\"metadata\":{\"name\":\"e\"},\"type\":\"Normal\",\"involvedObject\":"
                + "{\"name\":\""
                + name
                + "\",\"namespace\":\"default\",\"uid\":\""
                + uid
                + "\"}}");
  }

  @Test
  void matchesEveryTermAsKubectlDescribeSendsThem() throws Exception {
    FieldSelector selector =
        FieldSelector.parse(
            "involvedObject.name=clone-a,involvedObject.namespace=default,involvedObject.uid=u1");

    assertThat(selector.matches(event("clone-a", "u1"))).isTrue();
    assertThat(selector.matches(event("clone-a", "u2"))).isFalse();
    assertThat(selector.matches(event("clone-b", "u1"))).isFalse();
  }

  @Test
  void supportsDoubleEqualsNotEqualsAndAbsentFieldsAsEmpty() throws Exception {
    assertThat(FieldSelector.parse("type==Normal").matches(event("a", "u"))).isTrue();
    assertThat(FieldSelector.parse("type!=Warning").matches(event("a", "u"))).isTrue();
    assertThat(FieldSelector.parse("reason=").matches(event("a", "u"))).isTrue();
    assertThat(FieldSelector.parse("reason!=").matches(event("a", "u"))).isFalse();
  }

  @Test
  void blankSelectsEverythingAndGarbageIsRefused() throws Exception {
    assertThat(FieldSelector.parse("").isEverything()).isTrue();
    assertThat(FieldSelector.parse(null).matches(event("a", "u"))).isTrue();
    assertThatThrownBy(() -> FieldSelector.parse("involvedObject.name"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unescapesCommasInValues() throws Exception {
    assertThat(FieldSelector.parse("involvedObject.name=a\\,b").matches(event("a,b", "u")))
        .isTrue();
  }
}
