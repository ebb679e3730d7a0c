package io.vmclone.sandbox.front;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablePrinterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<PrinterColumn> CLONE_COLUMNS =
      List.of(
          PrinterColumn.of("Phase", "string", ".status.phase"),
          PrinterColumn.of("Progress", "integer", ".status.progress"),
          PrinterColumn.of("Done", "boolean", ".status.done"),
          PrinterColumn.of("Age", "date", ".metadata.creationTimestamp"));

  private final TablePrinter printer =
      new TablePrinter(Clock.fixed(Instant.parse("2025-03-01T12:05:00Z"), ZoneOffset.UTC));

  private static JsonNode clone(String name, String status) throws Exception {
    return MAPPER.readTree(
        "{\"metadata\":{\"name\":\""
            + name
            + "\",\"namespace\":\"default\",\"resourceVersion\":\"7\","
            + "\"creationTimestamp\":\"2025-03-01T12:00:00Z\"},\"spec\":{},\"status\":"
            + status
            + "}");
  }

  @Test
  void listTableHasNameThenTheColumnsWithTypedCells() throws Exception {
    ObjectNode list = MAPPER.createObjectNode();
    list.putObject("metadata").put("resourceVersion", "42");
    list.putArray("items")
        .add(clone("a", "{\"phase\":\"Running\",\"progress\":40,\"done\":false}"))
        .add(clone("b", "{}"));

    ObjectNode table = printer.list(CLONE_COLUMNS, list, TablePrinter.IncludeObject.METADATA);

    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
    assertThat(table.path("metadata").path("resourceVersion").asText()).isEqualTo("42");
    assertThat(names(table.path("columnDefinitions")))
        .containsExactly("Name", "Phase", "Progress", "Done", "Age");
    assertThat(table.path("rows").get(0).path("cells").toString())
        .isEqualTo("[\"a\",\"Running\",40,false,\"5m\"]");
    assertThat(table.path("rows").get(1).path("cells").toString())
        .isEqualTo("[\"b\",null,null,null,\"5m\"]");
  }

  @Test
  void rowsCarryPartialMetadataTheWholeObjectOrNothing() throws Exception {
    JsonNode object = clone("a", "{\"phase\":\"Running\"}");

    JsonNode metadataOnly =
        printer.single(CLONE_COLUMNS, object, TablePrinter.IncludeObject.METADATA);
    JsonNode whole = printer.single(CLONE_COLUMNS, object, TablePrinter.IncludeObject.OBJECT);
    JsonNode none = printer.single(CLONE_COLUMNS, object, TablePrinter.IncludeObject.NONE);

    JsonNode partial = metadataOnly.path("rows").get(0).path("object");
    assertThat(partial.path("kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(partial.path("metadata").path("namespace").asText()).isEqualTo("default");
    assertThat(partial.has("status")).isFalse();
    assertThat(whole.path("rows").get(0).path("object")).isEqualTo(object);
    assertThat(none.path("rows").get(0).has("object")).isFalse();
    assertThat(metadataOnly.path("metadata").path("resourceVersion").asText()).isEqualTo("7");
  }

  @Test
  void stringColumnsPrintNonStringValuesAndWrongTypesGiveNull() throws Exception {
    JsonNode object = clone("a", "{\"phase\":3,\"progress\":\"many\",\"done\":\"yes\"}");

    JsonNode cells =
        printer
            .single(CLONE_COLUMNS, object, TablePrinter.IncludeObject.NONE)
            .path("rows")
            .get(0)
            .path("cells");

    assertThat(cells.toString()).isEqualTo("[\"a\",\"3\",null,null,\"5m\"]");
  }

  private static List<String> names(JsonNode definitions) {
    List<String> names = new ArrayList<>();
    definitions.forEach(definition -> names.add(definition.path("name").asText()));
    return names;
  }
}
