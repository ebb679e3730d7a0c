package io.vmclone.sandbox.front;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Server-side printing: turns objects into {@code meta.k8s.io/v1} Tables, as the API server does
 * for {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}. The first column is always
 * Name; then the type's printer columns. Cells are typed like the API server types them: strings,
 * integers, numbers, booleans, and for {@code date} columns the age as text ("5m"), computed here,
 * on the server side. A value that is absent gives a null cell.
 */
final class TablePrinter {

  /** What each row carries besides its cells, from the {@code includeObject} parameter. */
  enum IncludeObject {
    NONE,
    METADATA,
    OBJECT;

    static IncludeObject fromQuery(Query query) {
      return switch (query.first("includeObject").orElse("Metadata")) {
        case "None" -> NONE;
        case "Object" -> OBJECT;
        default -> METADATA;
      };
    }
  }

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String NAME_DESCRIPTION =
      "Name must be unique within a namespace. Is required when creating resources, although some"
          + " resources may allow a client to request the generation of an appropriate name"
          + " automatically. Name is primarily intended for creation idempotence and configuration"
          + " definition. Cannot be updated.";

  private final Clock clock;

  TablePrinter(Clock clock) {
    this.clock = clock;
  }

  /** A table of every item of a list response, keeping the list's resourceVersion. */
  ObjectNode list(List<PrinterColumn> columns, JsonNode list, IncludeObject include) {
    ObjectNode table = emptyTable(columns, list.path("metadata"));
    ArrayNode rows = table.putArray("rows");
    for (JsonNode item : list.path("items")) {
      rows.add(row(columns, item, include));
    }
    return table;
  }

  /** A table of one object: a single get or a watch event. */
  ObjectNode single(List<PrinterColumn> columns, JsonNode object, IncludeObject include) {
    ObjectNode metadata = JSON.objectNode();
    Optional.ofNullable(object.path("metadata").get("resourceVersion"))
        .ifPresent(version -> metadata.set("resourceVersion", version));
    ObjectNode table = emptyTable(columns, metadata);
    table.putArray("rows").add(row(columns, object, include));
    return table;
  }

  private ObjectNode emptyTable(List<PrinterColumn> columns, JsonNode listMetadata) {
    ObjectNode table = JSON.objectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    ObjectNode metadata = table.putObject("metadata");
    for (String key : List.of("resourceVersion", "continue", "remainingItemCount")) {
      if (listMetadata.hasNonNull(key)) {
        metadata.set(key, listMetadata.get(key));
      }
    }
    ArrayNode definitions = table.putArray("columnDefinitions");
    definitions.add(definition("Name", "string", "name", NAME_DESCRIPTION, 0));
    for (PrinterColumn column : columns) {
      definitions.add(
          definition(
              column.name(),
              column.type(),
              column.format(),
              column.description(),
              column.priority()));
    }
    return table;
  }

  private static ObjectNode definition(
      String name, String type, String format, String description, int priority) {
    ObjectNode definition = JSON.objectNode();
    definition.put("name", name);
    definition.put("type", type);
    definition.put("format", format);
    definition.put("description", description);
    definition.put("priority", priority);
    return definition;
  }

  private ObjectNode row(List<PrinterColumn> columns, JsonNode object, IncludeObject include) {
    ObjectNode row = JSON.objectNode();
    ArrayNode cells = row.putArray("cells");
    cells.add(object.path("metadata").path("name").asText());
    for (PrinterColumn column : columns) {
      cells.add(cell(column, object));
    }
    switch (include) {
      case OBJECT -> row.set("object", object);
      case METADATA -> row.set("object", partialMetadata(object));
      case NONE -> {}
    }
    return row;
  }

  private static ObjectNode partialMetadata(JsonNode object) {
    ObjectNode partial = JSON.objectNode();
    partial.put("kind", "PartialObjectMetadata");
    partial.put("apiVersion", "meta.k8s.io/v1");
    partial.set("metadata", object.path("metadata").deepCopy());
    return partial;
  }

  JsonNode cell(PrinterColumn column, JsonNode object) {
    Optional<JsonNode> value;
    try {
      value = JsonPath.parse(column.jsonPath()).find(object);
    } catch (IllegalArgumentException unsupported) {
      return JSON.nullNode();
    }
    if (value.isEmpty()) {
      return JSON.nullNode();
    }
    JsonNode found = value.get();
    return switch (column.type()) {
      case "integer" -> found.isNumber() ? JSON.numberNode(found.asLong()) : JSON.nullNode();
      case "number" -> found.isNumber() ? JSON.numberNode(found.asDouble()) : JSON.nullNode();
      case "boolean" -> found.isBoolean() ? found : JSON.nullNode();
      case "date" -> found.isTextual() ? age(found.asText()) : JSON.nullNode();
      default -> JSON.textNode(found.isValueNode() ? found.asText() : found.toString());
    };
  }

  private JsonNode age(String timestamp) {
    try {
      Duration age = Duration.between(Instant.parse(timestamp), clock.instant());
      return JSON.textNode(HumanDuration.format(age));
    } catch (DateTimeParseException invalid) {
      return JSON.textNode("<invalid>");
    }
  }
}
