package io.vmclone.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every field of the committed CRD's schema has a description, which {@code kubectl explain} shows
 * (they come from {@code @JsonPropertyDescription} on the API classes and from {@link
 * CrdFinishing}).
 */
class CrdDocumentationTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void everyFieldOfTheSchemaHasADescription() throws IOException {
    JsonNode crd = YAML.readTree(Path.of("crds", CrdSyncTest.FILE).toFile());
    List<String> fields = new ArrayList<>();
    List<String> undocumented = new ArrayList<>();

    walk(crd.at("/spec/versions/0/schema/openAPIV3Schema"), "", fields, undocumented);

    assertThat(fields).contains(".spec.volumeNamePolicy", ".status.conditions[].reason");
    assertThat(undocumented).isEmpty();
  }

  private static void walk(
      JsonNode schema, String path, List<String> fields, List<String> undocumented) {
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      String field = path + "." + property.getKey();
      fields.add(field);
      if (property.getValue().path("description").asText().isBlank()) {
        undocumented.add(field);
      }
      walk(property.getValue(), field, fields, undocumented);
    }
    if (schema.has("items")) {
      walk(schema.get("items"), path + "[]", fields, undocumented);
    }
    if (schema.path("additionalProperties").isObject()) {
      walk(schema.get("additionalProperties"), path + "{}", fields, undocumented);
    }
  }
}
