package io.vmclone.operator.arch;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keeps the layers apart (docs/design.md#layers), as an import control: every package of ours
 * declares which of our packages it may import ({@link #ALLOWED}; sub-packages are packages of
 * their own), a package that is not declared fails, and the imports among our packages form no
 * cycle. The CRD classes import nothing of ours; the identity services know nothing of the
 * workflow; the actions reach the platform only through its ports, never KubeVirt's classes.
 * Besides, the workflow, the journal, the platform, the spec rules, identity and admission know
 * nothing of java-operator-sdk, so they can be tested and reused without it.
 */
class LayeringTest {

  private static final String ROOT = "io.vmclone.operator.";
  private static final Path SOURCES = Path.of("src/main/java/io/vmclone/operator");

  /**
   * Each package of ours, and the packages of ours it may import (its own aside), space-separated.
   */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          mayImport("api", ""),
          mayImport("config", ""),
          mayImport("crd", ""),
          mayImport("health", ""),
          mayImport("journal", ""),
          mayImport("logging", ""),
          mayImport("spec", "api"),
          mayImport("platform", "api"),
          mayImport("platform.kubevirt", "api platform spec"),
          mayImport("metrics", "api config journal"),
          mayImport("identity", "api config journal platform"),
          mayImport("admission", "api identity logging spec"),
          mayImport("workflow", "api config identity journal logging metrics platform spec"),
          mayImport("workflow.action", "api config identity journal platform spec workflow"),
          mayImport(
              "workflow.identity", "api config identity journal platform workflow workflow.action"),
          mayImport("ownership", "config workflow"),
          mayImport("recovery", "api config identity journal logging metrics platform workflow"),
          // journal: only ReconcileFailure, which names a database outage as such
          mayImport("reconciler", "api config journal logging platform recovery workflow"));

  @Test
  void everyPackageIsDeclared() {
    Set<String> undeclared = new TreeSet<>(ourImports().keySet());
    undeclared.removeAll(ALLOWED.keySet());
    assertThat(undeclared)
        .as("packages of ours missing from ALLOWED: declare what each may import")
        .isEmpty();
  }

  @Test
  void packagesImportOnlyWhatTheyDeclare() {
    List<String> offenders = new ArrayList<>();
    for (Path file : javaFiles(SOURCES)) {
      String pkg = packageOf(file);
      Set<String> allowed = ALLOWED.getOrDefault(pkg, Set.of());
      imports(file).stream()
          .flatMap(i -> ourPackage(i).stream())
          .filter(imported -> !imported.equals(pkg) && !allowed.contains(imported))
          .forEach(imported -> offenders.add(file + " imports " + imported));
    }
    assertThat(offenders).as("imports of our packages outside ALLOWED").isEmpty();
  }

  @Test
  void importsFormNoCycle() {
    assertThat(cycle(ourImports())).as("a cycle among the imports of our packages").isEmpty();
  }

  @Test
  void declaredLayersFormNoCycle() {
    assertThat(cycle(ALLOWED)).as("a cycle in ALLOWED").isEmpty();
  }

  @ParameterizedTest(name = "{0} does not import {1}")
  @CsvSource({
    "workflow, io.javaoperatorsdk",
    "journal, io.javaoperatorsdk",
    "platform, io.javaoperatorsdk",
    "spec, io.javaoperatorsdk",
    "admission, io.javaoperatorsdk",
    "identity, io.javaoperatorsdk",
  })
  void packageDoesNotImport(String pkg, String forbidden) {
    List<String> offenders =
        javaFiles(SOURCES.resolve(pkg)).stream()
            .filter(file -> imports(file).stream().anyMatch(i -> i.startsWith(forbidden + ".")))
            .map(Path::toString)
            .toList();
    assertThat(offenders).as("files in %s importing %s", pkg, forbidden).isEmpty();
  }

  private static Map.Entry<String, Set<String>> mayImport(String pkg, String packages) {
    return entry(pkg, packages.isEmpty() ? Set.of() : Set.of(packages.split(" ")));
  }

  /** Each package of ours (with sources) and the other packages of ours its files import. */
  private static Map<String, Set<String>> ourImports() {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (Path file : javaFiles(SOURCES)) {
      String pkg = packageOf(file);
      Set<String> imported = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
      imports(file).stream()
          .flatMap(i -> ourPackage(i).stream())
          .filter(other -> !other.equals(pkg))
          .forEach(imported::add);
    }
    return graph;
  }

  /** A cycle of the graph, as the path that closes it (a, b, ..., a), or empty. */
  private static List<String> cycle(Map<String, Set<String>> graph) {
    Set<String> done = new TreeSet<>();
    for (String start : new TreeSet<>(graph.keySet())) {
      List<String> found = cycleFrom(start, graph, new ArrayList<>(), done);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  private static List<String> cycleFrom(
      String node, Map<String, Set<String>> graph, List<String> path, Set<String> done) {
    int seen = path.indexOf(node);
    if (seen >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
      cycle.add(node);
      return cycle;
    }
    if (done.contains(node)) {
      return List.of();
    }
    path.add(node);
    for (String next : new TreeSet<>(graph.getOrDefault(node, Set.of()))) {
      List<String> found = cycleFrom(next, graph, path, done);
      if (!found.isEmpty()) {
        return found;
      }
    }
    path.remove(path.size() - 1);
    done.add(node);
    return List.of();
  }

  /** The package of ours an import names ({@code workflow.action} for one of its classes). */
  private static Optional<String> ourPackage(String imported) {
    if (!imported.startsWith(ROOT)) {
      return Optional.empty();
    }
    List<String> segments = new ArrayList<>();
    for (String segment : imported.substring(ROOT.length()).split("\\.")) {
      if (segment.equals("*") || Character.isUpperCase(segment.charAt(0))) {
        break;
      }
      segments.add(segment);
    }
    return Optional.of(String.join(".", segments));
  }

  private static String packageOf(Path file) {
    Path dir = SOURCES.relativize(file).getParent();
    return dir == null ? "" : dir.toString().replace(dir.getFileSystem().getSeparator(), ".");
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
          .map(String::strip)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
