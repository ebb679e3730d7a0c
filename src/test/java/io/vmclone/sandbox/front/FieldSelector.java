package io.vmclone.sandbox.front;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kubernetes field selector ({@code involvedObject.name=x,involvedObject.uid!=y}) evaluated in
 * the front, because the mock API server understands only {@code metadata.name} and {@code
 * metadata.namespace} and answers an empty list for anything else. A field that is absent compares
 * as the empty string, as the API server's field sets do.
 */
final class FieldSelector {

  private record Term(String field, String value, boolean equal) {}

  private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  private final List<Term> terms;

  private FieldSelector(List<Term> terms) {
    this.terms = terms;
  }

  static FieldSelector everything() {
    return EVERYTHING;
  }

  /** Parses a selector; blank means everything. Throws {@link IllegalArgumentException}. */
  static FieldSelector parse(String selector) {
    if (selector == null || selector.isBlank()) {
      return EVERYTHING;
    }
    List<Term> terms = new ArrayList<>();
    for (String term : splitUnescaped(selector)) {
      terms.add(term(term.trim()));
    }
    return new FieldSelector(List.copyOf(terms));
  }

  private static Term term(String text) {
    int notEqual = text.indexOf("!=");
    if (notEqual > 0) {
      return new Term(text.substring(0, notEqual), unescape(text.substring(notEqual + 2)), false);
    }
    int doubleEqual = text.indexOf("==");
    if (doubleEqual > 0) {
      return new Term(
          text.substring(0, doubleEqual), unescape(text.substring(doubleEqual + 2)), true);
    }
    int equal = text.indexOf('=');
    if (equal > 0) {
      return new Term(text.substring(0, equal), unescape(text.substring(equal + 1)), true);
    }
    throw new IllegalArgumentException("invalid field selector term: " + text);
  }

  private static List<String> splitUnescaped(String selector) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '\\' && i + 1 < selector.length()) {
        current.append(c).append(selector.charAt(++i));
      } else if (c == ',') {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }

  private static String unescape(String value) {
    return value.replace("\\,", ",").replace("\\=", "=").replace("\\\\", "\\");
  }

  boolean isEverything() {
    return terms.isEmpty();
  }

  boolean matches(JsonNode object) {
    for (Term term : terms) {
      JsonNode node = object;
      for (String part : term.field().split("\\.")) {
        node = node == null ? null : node.get(part);
      }
      String actual = node == null || node.isNull() ? "" : node.asText();
      if (actual.equals(term.value()) != term.equal()) {
        return false;
      }
    }
    return true;
  }
}
