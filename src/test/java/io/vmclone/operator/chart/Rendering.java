package io.vmclone.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The output of {@code helm template}: its objects, in order, with typed access by kind. */
final class Rendering {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: [^/]+/(.+)$");

  private final String text;
  private final List<RenderedObject> objects;

  private Rendering(String text, List<RenderedObject> objects) {
    this.text = text;
    this.objects = objects;
  }

  static Rendering parse(String text) {
    List<RenderedObject> objects = new ArrayList<>();
    for (String document : text.split("(?m)^---\\s*$")) {
      JsonNode tree = read(document);
      if (tree != null && tree.has("kind")) {
        Matcher source = SOURCE.matcher(document);
        objects.add(new RenderedObject(source.find() ? source.group(1) : "", document, tree));
      }
    }
    return new Rendering(text, List.copyOf(objects));
  }

  String text() {
    return text;
  }

  List<RenderedObject> objects() {
    return objects;
  }

  /** Every object of the kind, as its fabric8 model class. */
  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream()
        .filter(object -> KnownKinds.modelOf(object).filter(type::equals).isPresent())
        .map(object -> type.cast(KnownKinds.parse(object)))
        .toList();
  }

  /** The one object of the kind. */
  <T extends HasMetadata> T only(Class<T> type) {
    List<T> found = all(type);
    assertThat(found).as("%s objects", type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  /** The object of the kind with the name. */
  <T extends HasMetadata> T named(Class<T> type, String name) {
    return all(type).stream()
        .filter(object -> object.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
  }

  List<RenderedObject> ofKind(String apiVersion, String kind) {
    return objects.stream()
        .filter(object -> object.apiVersion().equals(apiVersion) && object.kind().equals(kind))
        .toList();
  }

  List<String> kinds() {
    return objects.stream().map(RenderedObject::kind).distinct().sorted().toList();
  }

  private static JsonNode read(String document) {
    boolean empty =
        Arrays.stream(document.split("\n")).allMatch(l -> l.isBlank() || l.startsWith("#"));
    if (empty) {
      return null;
    }
    try {
      return YAML.readTree(document);
    } catch (IOException e) {
      throw new UncheckedIOException("not YAML:\n" + document, e);
    }
  }
}
