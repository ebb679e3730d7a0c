package io.vmclone.operator.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.SpecLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The entries of {@code spec.patches}: each a string holding one RFC 6902 operation as a JSON
 * object, e.g. {@code {"op": "add", "path": "/metadata/labels/tier", "value": "gold"}}.
 *
 * <p>An operation is valid when {@code op} is one of add, remove, replace, move, copy, test; {@code
 * path} is a JSON pointer (RFC 6901: empty, or {@code /}-separated tokens in which {@code ~} is
 * followed by 0 or 1); add, replace and test carry a {@code value} (which may be null); move and
 * copy carry a {@code from} pointer, and a move's {@code from} is not a proper prefix of its {@code
 * path}. Other members are ignored, as RFC 6902 says. Whether the operation applies to a given
 * document is only known when it is applied.
 *
 * <p>An entry is at most {@value #MAX_LENGTH} characters and a spec holds at most {@value
 * #MAX_ENTRIES} of them (the CRD's limits, checked here again for clones admitted without the
 * schema); pointers are checked in one pass without recursion, so no entry can exhaust the stack.
 */
public final class JsonPatches {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");
  private static final Set<String> NEEDS_VALUE = Set.of("add", "replace", "test");
  private static final Set<String> NEEDS_FROM = Set.of("move", "copy");

  /** The longest entry, in characters. */
  public static final int MAX_LENGTH = SpecLimits.PATCH_LENGTH;

  /** The most entries a spec may hold. */
  public static final int MAX_ENTRIES = SpecLimits.PATCHES;

  private JsonPatches() {}

  /**
   * Parses one entry into its operation object.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static ObjectNode parse(String patch) {
    if (patch != null && patch.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "is " + patch.length() + " characters long, more than " + MAX_LENGTH);
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(patch == null ? "" : patch);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode operation)) {
      throw new IllegalArgumentException(
          "must be one JSON patch operation as a JSON object, e.g. {\"op\": \"remove\", \"path\":"
              + " \"/metadata/labels/app\"}");
    }
    String op = requireText(operation, "op");
    if (!OPS.contains(op)) {
      throw new IllegalArgumentException(
          "op \"" + op + "\" is none of add, remove, replace, move, copy, test");
    }
    String path = requirePointer(operation, "path");
    if (NEEDS_VALUE.contains(op) && !operation.has("value")) {
      throw new IllegalArgumentException("op \"" + op + "\" needs a \"value\"");
    }
    if (NEEDS_FROM.contains(op)) {
      String from = requirePointer(operation, "from");
      if (op.equals("move") && path.startsWith(from + "/")) {
        throw new IllegalArgumentException(
            "a move's \"from\" (" + from + ") must not be a parent of its \"path\" (" + path + ")");
      }
    }
    return operation;
  }

  /** The problems of every entry, named {@code spec.patches[i]}. */
  public static List<SpecError> validate(List<String> patches) {
    List<SpecError> errors = new ArrayList<>();
    if (patches == null) {
      return errors;
    }
    if (patches.size() > MAX_ENTRIES) {
      errors.add(
          new SpecError(
              "spec.patches", "has " + patches.size() + " entries, more than " + MAX_ENTRIES));
      return errors;
    }
    for (int i = 0; i < patches.size(); i++) {
      try {
        parse(patches.get(i));
      } catch (IllegalArgumentException e) {
        errors.add(new SpecError("spec.patches[" + i + "]", e.getMessage()));
      }
    }
    return errors;
  }

  private static String requireText(ObjectNode operation, String member) {
    JsonNode value = operation.get(member);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("needs \"" + member + "\" as a string");
    }
    return value.textValue();
  }

  private static String requirePointer(ObjectNode operation, String member) {
    String pointer = requireText(operation, member);
    if (!isPointer(pointer)) {
      throw new IllegalArgumentException(
          "\""
              + member
              + "\" is not a JSON pointer: \""
              + pointer
              + "\" (it starts with '/', and '~' is written ~0, '/' in a key ~1)");
    }
    return pointer;
  }

  /** RFC 6901: empty, or starting with '/', and every '~' followed by '0' or '1'. */
  static boolean isPointer(String text) {
    if (!text.isEmpty() && text.charAt(0) != '/') {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '~') {
        if (i + 1 == text.length() || (text.charAt(i + 1) != '0' && text.charAt(i + 1) != '1')) {
          return false;
        }
        i++;
      }
    }
    return true;
  }
}
