package io.vmclone.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where things are: the repository, the operator jar the build made, the generated clone CRD, the
 * ClusterRole of people and pipelines that ask for clones ({@code
 * examples/rbac/clone-requester.yaml}), the harness's output folder ({@code target/crash-matrix}),
 * and the operators' JVM options (the harness trades peak speed for a quick start with C1 only; the
 * benchmark runs the JIT as production does).
 */
public record Layout(
    Path root, Path jar, Path cloneCrds, Path requesterRole, Path out, List<String> jvmOptions) {

  public static Layout of(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    return new Layout(
        absolute,
        absolute.resolve("target/quarkus-app/quarkus-run.jar"),
        absolute.resolve("crds"),
        absolute.resolve("examples/rbac/clone-requester.yaml"),
        absolute.resolve("target/crash-matrix"),
        List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m"));
  }

  /** This layout with another output folder and other JVM options for the operators. */
  public Layout with(Path otherOut, List<String> otherJvmOptions) {
    return new Layout(root, jar, cloneCrds, requesterRole, otherOut, List.copyOf(otherJvmOptions));
  }

  public void check() {
    if (!Files.isRegularFile(jar)) {
      throw new HarnessFailure("no operator jar at " + jar + " (mvn -DskipTests package)");
    }
    if (!Files.isDirectory(cloneCrds)) {
      throw new HarnessFailure("no CRD folder at " + cloneCrds);
    }
    if (!Files.isRegularFile(requesterRole)) {
      throw new HarnessFailure("no requester role at " + requesterRole);
    }
    if (!Files.isRegularFile(root.resolve("k8s/rbac.yaml"))) {
      throw new HarnessFailure("no k8s/rbac.yaml in " + root + " (scripts/render-manifests)");
    }
  }

  /** The command that starts an operator replica; the property marks it as the harness's. */
  public List<String> operatorCommand(Path caseDir) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-Dcrashmatrix.case=" + caseDir, "-jar", jar.toString()));
    return command;
  }
}
