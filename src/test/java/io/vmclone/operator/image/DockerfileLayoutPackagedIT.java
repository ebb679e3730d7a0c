package io.vmclone.operator.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * After {@code mvn package}: every path {@code Dockerfile.jvm} copies exists in {@code target/}, so
 * {@code docker build} finds Quarkus' fast-jar layout where the Dockerfile looks for it. Run by
 * maven-failsafe-plugin in the integration-test phase (the name keeps surefire away from it).
 */
class DockerfileLayoutPackagedIT {

  private final Dockerfile dockerfile = Dockerfile.read(Dockerfile.JVM);

  @Test
  void everyCopiedPathExistsAfterPackage() throws IOException {
    assertThat(dockerfile.copies()).isNotEmpty();
    for (Dockerfile.Copy copy : dockerfile.copies()) {
      for (String source : copy.sources()) {
        assertThat(matches(source))
            .as("COPY %s: nothing in the build context", source)
            .isNotEmpty();
        if (source.endsWith("/")) {
          assertThat(Path.of(source)).isDirectory().isNotEmptyDirectory();
        }
      }
    }
  }

  @Test
  void theJarTheImageRunsIsCopied() throws IOException {
    String runJar = dockerfile.env("JAVA_APP_JAR").orElseThrow();
    Path jar = Path.of(runJar).getFileName();

    boolean copied =
        dockerfile.copies().stream()
            .filter(copy -> runJar.startsWith(copy.destination()))
            .flatMap(copy -> copy.sources().stream())
            .anyMatch(source -> matchesFile(source, jar));
    assertThat(copied).as("%s comes from a COPY", runJar).isTrue();
  }

  private static boolean matchesFile(String source, Path name) {
    try {
      return matches(source).stream().anyMatch(path -> path.getFileName().equals(name));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The paths a COPY source names: a path, or a glob in its last segment. */
  private static List<Path> matches(String source) throws IOException {
    Path path = Path.of(source);
    if (!source.contains("*")) {
      return Files.exists(path) ? List.of(path) : List.of();
    }
    PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + source);
    try (Stream<Path> siblings = Files.list(path.getParent())) {
      return siblings.filter(glob::matches).toList();
    }
  }
}
