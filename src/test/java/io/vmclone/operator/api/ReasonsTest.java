package io.vmclone.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalogue of reasons is a user contract: each value once, each one documented. */
class ReasonsTest {

  @Test
  void noTwoConstantsShareAValue() {
    assertThat(
            reasons().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .entrySet()
                .stream()
                .filter(e -> e.getValue() > 1)
                .map(e -> e.getKey()))
        .isEmpty();
  }

  @Test
  void everyReasonIsDocumentedInTroubleshooting() throws IOException {
    List<String> rows =
        Files.readAllLines(Path.of("docs/troubleshooting.md")).stream()
            .filter(line -> line.startsWith("| `"))
            .toList();
    assertThat(reasons())
        .isNotEmpty()
        .filteredOn(reason -> rows.stream().noneMatch(row -> row.startsWith("| `" + reason + "`")))
        .as("reasons without a row in docs/troubleshooting.md")
        .isEmpty();
  }

  @Test
  void everyReasonIsUpperCamel() {
    assertThat(reasons()).allMatch(reason -> reason.matches("[A-Z][a-z]+([A-Z][a-z]*)*"));
  }

  private static List<String> reasons() {
    return Arrays.stream(Reasons.class.getDeclaredFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
        .map(ReasonsTest::value)
        .toList();
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
