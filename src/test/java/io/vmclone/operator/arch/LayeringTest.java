package io.vmclone.operator.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keeps the layers apart (docs/design.md#layers): the CRD classes import nothing of ours, and the
 * workflow, its actions, the journal, the platform and the spec rules know nothing of the
 * reconciler or of java-operator-sdk, so they can be tested and reused without either.
 */
class LayeringTest {

  private static final Path SOURCES = Path.of("src/main/java/io/vmclone/operator");

  @ParameterizedTest(name = "{0} does not import {1}")
  @CsvSource({
    "api, io.vmclone.operator.(?!api\\.)",
    "workflow, io.vmclone.operator.reconciler",
    "workflow, io.javaoperatorsdk",
    "journal, io.vmclone.operator.(?!journal\\.)",
    "journal, io.javaoperatorsdk",
    "platform, io.vmclone.operator.(reconciler|workflow|journal)",
    "platform, io.javaoperatorsdk",
    "spec, io.vmclone.operator.(reconciler|workflow|journal|platform)",
    "spec, io.javaoperatorsdk",
    "admission, io.vmclone.operator.(reconciler|workflow|journal|recovery)",
    "admission, io.javaoperatorsdk",
    "identity, io.vmclone.operator.reconciler",
    "identity, io.javaoperatorsdk",
  })
  void packageDoesNotImport(String pkg, String forbidden) {
    List<String> offenders =
        javaFiles(SOURCES.resolve(pkg)).stream()
            .filter(file -> imports(file).stream().anyMatch(i -> i.matches(forbidden + ".*")))
            .map(Path::toString)
            .toList();
    assertThat(offenders).as("files in %s importing %s", pkg, forbidden).isEmpty();
  }

  private static List<Path> javaFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> imports(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines
          .filter(line -> line.startsWith("import "))
          .map(line -> line.replace("import static ", "").replace("import ", "").replace(";", ""))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
