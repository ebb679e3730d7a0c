package io.vmclone.sandbox.front;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Kubernetes JSONPath that printer columns use: {@code .a.b.c}, an array index {@code
 * [0]} and an equality filter {@code [?(@.type=='Ready')]}, optionally wrapped in braces. A filter
 * selects the first matching element, as kubectl shows the first result of a column.
 */
final class JsonPath {

  private static final Pattern SEGMENT =
      Pattern.compile(
          "\\.([A-Za-z0-9_\\-/]+)"
              + "|\\[(\\d+)]"
              + "|\\[\\?\\(@\\.([A-Za-z0-9_.\\-]+)\\s*==\\s*(?:'([^']*)'|\"([^\"]*)\")\\)]");

  private final String expression;
  private final List<Step> steps;

  private JsonPath(String expression, List<Step> steps) {
    this.expression = expression;
    this.steps = steps;
  }

  /** Parses an expression; throws {@link IllegalArgumentException} on what it does not support. */
  static JsonPath parse(String expression) {
    String body = expression.trim();
    if (body.startsWith("{") && body.endsWith("}")) {
      body = body.substring(1, body.length() - 1).trim();
    }
    if (body.startsWith("$")) {
      body = body.substring(1);
    }
    List<Step> steps = new ArrayList<>();
    Matcher matcher = SEGMENT.matcher(body);
    int at = 0;
    while (at < body.length()) {
      if (!matcher.find(at) || matcher.start() != at) {
        throw new IllegalArgumentException("unsupported JSONPath: " + expression);
      }
      steps.add(toStep(matcher));
      at = matcher.end();
    }
    return new JsonPath(expression, List.copyOf(steps));
  }

  private static Step toStep(Matcher matcher) {
    if (matcher.group(1) != null) {
      return new Field(matcher.group(1));
    }
    if (matcher.group(2) != null) {
      return new Index(Integer.parseInt(matcher.group(2)));
    }
    String value = matcher.group(4) != null ? matcher.group(4) : matcher.group(5);
    return new Filter(parse("." + matcher.group(3)), value);
  }

  /** The value at this path, if every step finds something. */
  Optional<JsonNode> find(JsonNode root) {
    JsonNode current = root;
    for (Step step : steps) {
      if (current == null || current.isMissingNode() || current.isNull()) {
        return Optional.empty();
      }
      current = step.apply(current);
    }
    return current == null || current.isMissingNode() || current.isNull()
        ? Optional.empty()
        : Optional.of(current);
  }

  @Override
  public String toString() {
    return expression;
  }

  private sealed interface Step permits Field, Index, Filter {
    JsonNode apply(JsonNode node);
  }

  private record Field(String name) implements Step {
    @Override
    public JsonNode apply(JsonNode node) {
      return node.isObject() ? node.get(name) : null;
    }
  }

  private record Index(int index) implements Step {
    @Override
    public JsonNode apply(JsonNode node) {
      return node.isArray() ? node.get(index) : null;
    }
  }

  private record Filter(JsonPath key, String value) implements Step {
    @Override
    public JsonNode apply(JsonNode node) {
      if (!node.isArray()) {
        return null;
      }
      for (JsonNode element : node) {
        Optional<JsonNode> found = key.find(element);
        if (found.isPresent() && found.get().isValueNode() && value.equals(found.get().asText())) {
          return element;
        }
      }
      return null;
    }
  }
}
