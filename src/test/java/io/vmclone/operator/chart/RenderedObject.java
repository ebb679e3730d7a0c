package io.vmclone.operator.chart;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One object of a rendered chart.
 *
 * @param source the template it came from, e.g. {@code templates/rbac.yaml}
 * @param yaml its text as rendered
 * @param tree its content
 */
record RenderedObject(String source, String yaml, JsonNode tree) {

  String apiVersion() {
    return tree.path("apiVersion").asText();
  }

  String kind() {
    return tree.path("kind").asText();
  }

  String name() {
    return tree.path("metadata").path("name").asText();
  }

  @Override
  public String toString() {
    return kind() + " " + name() + " (" + source + ")";
  }
}
