package io.vmclone.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where things are: the repository, the operator jar the build made, the generated clone CRD, the
 * sandbox's identity policy (who may clone what), and the harness's output folder ({@code
 * target/crash-matrix}), and the operators' maximum heap.
 */
public record Layout(Path root, Path jar, Path cloneCrds, Path policy, Path out, String maxHeap) {

  public static Layout of(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    return new Layout(
        absolute,
        absolute.resolve("target/quarkus-app/quarkus-run.jar"),
        absolute.resolve("crds"),
        absolute.resolve("examples/sandbox/rbac.yaml"),
        absolute.resolve("target/crash-matrix"),
        "384m");
  }

  /** This layout with another output folder and another -Xmx for the operators (the benchmark). */
  public Layout with(Path otherOut, String otherMaxHeap) {
    return new Layout(root, jar, cloneCrds, policy, otherOut, otherMaxHeap);
  }

  public void check() {
    if (!Files.isRegularFile(jar)) {
      throw new HarnessFailure("no operator jar at " + jar + " (mvn -DskipTests package)");
    }
    if (!Files.isDirectory(cloneCrds)) {
      throw new HarnessFailure("no CRD folder at " + cloneCrds);
    }
    if (!Files.isRegularFile(policy)) {
      throw new HarnessFailure("no identity policy at " + policy);
    }
  }

  /** The command that starts an operator replica; the property marks it as the harness's. */
  public List<String> operatorCommand(Path caseDir) {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-Xmx" + maxHeap,
        "-Dcrashmatrix.case=" + caseDir,
        "-jar",
        jar.toString());
  }
}
