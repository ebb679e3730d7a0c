package io.vmclone.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.vmclone.operator.image.Dockerfile;
import org.junit.jupiter.api.Test;

/** The chart runs the image {@code Dockerfile.jvm} builds, as its user, on the ports it exposes. */
class ChartImageTest extends ChartTestSupport {

  private final Dockerfile dockerfile = Dockerfile.read(Dockerfile.JVM);

  @Test
  void theDefaultImageIsTheOneTheDockerfileBuilds() {
    String image = operator(render(ValueSet.DEFAULTS)).getImage();

    assertThat(dockerfile.comments())
        .anyMatch(line -> line.startsWith("docker build") && line.endsWith("-t " + image + " ."));
  }

  @Test
  void thePodRunsAsTheImagesUser() {
    long runAsUser = operatorPod(render(ValueSet.DEFAULTS)).getSecurityContext().getRunAsUser();

    assertThat(dockerfile.user()).contains(Long.toString(runAsUser));
  }

  @Test
  void theContainerPortsAreTheOnesTheImageExposes() {
    assertThat(operator(render(ValueSet.DEFAULTS)).getPorts())
        .extracting(ContainerPort::getContainerPort)
        .containsExactlyInAnyOrderElementsOf(dockerfile.exposedPorts());
  }
}
