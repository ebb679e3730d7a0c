package io.vmclone.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The operator's Deployment: replicas, spreading, disruption budget, pod security, probes. */
class ChartDeploymentTest extends ChartTestSupport {

  @Test
  void runsTwoReplicasPreferablyOnDifferentNodes() {
    Rendering rendering = render(ValueSet.DEFAULTS);
    Deployment deployment = rendering.only(Deployment.class);
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    List<WeightedPodAffinityTerm> antiAffinity =
        operatorPod(rendering)
            .getAffinity()
            .getPodAntiAffinity()
            .getPreferredDuringSchedulingIgnoredDuringExecution();
    assertThat(antiAffinity)
        .singleElement()
        .satisfies(
            term -> {
              assertThat(term.getPodAffinityTerm().getTopologyKey())
                  .isEqualTo("kubernetes.io/hostname");
              assertThat(podLabels)
                  .containsAllEntriesOf(
                      term.getPodAffinityTerm().getLabelSelector().getMatchLabels());
            });
  }

  @Test
  void aDisruptionBudgetKeepsOneOperatorPodUp() {
    Rendering rendering = render(ValueSet.DEFAULTS);
    PodDisruptionBudget budget = rendering.only(PodDisruptionBudget.class);
    Deployment deployment = rendering.only(Deployment.class);

    assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(budget.getSpec().getSelector().getMatchLabels())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(
            deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
        .isZero();
  }

  @Test
  void everyPodMeetsTheRestrictedPodSecurityStandard() {
    Rendering rendering = render(ValueSet.DEFAULTS);
    List<PodSpec> pods =
        List.of(
            operatorPod(rendering),
            rendering.only(StatefulSet.class).getSpec().getTemplate().getSpec());

    for (PodSpec pod : pods) {
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(pod.getSecurityContext().getSeccompProfile().getType())
          .isEqualTo("RuntimeDefault");
      assertThat(pod.getHostNetwork()).isNull();
      Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream())
          .forEach(container -> assertRestricted(container.getName(), container));
    }
    assertThat(operatorPod(rendering).getSecurityContext().getRunAsUser()).isEqualTo(185L);
  }

  @Test
  void theReadOnlyRootFilesystemHasAWritableTmp() {
    Rendering rendering = render(ValueSet.DEFAULTS);
    Volume tmp = volume(operatorPod(rendering), "tmp");

    assertThat(tmp.getEmptyDir()).isNotNull();
    assertThat(operator(rendering).getVolumeMounts())
        .anySatisfy(
            mount -> {
              assertThat(mount.getName()).isEqualTo("tmp");
              assertThat(mount.getMountPath()).isEqualTo("/tmp");
            });
  }

  @Test
  void probesAskQuarkusHealthOnTheManagementPort() {
    Rendering rendering = render(ValueSet.DEFAULTS);
    Container operator = operator(rendering);

    assertThat(port(operator, "management").getContainerPort()).isEqualTo(9000);
    assertThat(operator.getPorts())
        .extracting(ContainerPort::getName)
        .containsExactlyInAnyOrder("management", "webhook");
    assertHttpProbe(operator.getLivenessProbe(), "/q/health/live");
    assertHttpProbe(operator.getReadinessProbe(), "/q/health/ready");
    assertHttpProbe(operator.getStartupProbe(), "/q/health/started");
  }

  @Test
  void aLeaderHasTimeToHandOverOnShutdown() {
    Rendering rendering = render(ValueSet.DEFAULTS);

    assertThat(operatorPod(rendering).getTerminationGracePeriodSeconds()).isEqualTo(30L);
  }

  @Test
  void thePodTellsTheOperatorItsNamespaceAndName() {
    Rendering rendering = render(ValueSet.DEFAULTS);

    assertThat(envVar(rendering, "POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.namespace");
    assertThat(envVar(rendering, "HOSTNAME").getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.name");
  }

  @Test
  void theImageDefaultsToTheChartsAppVersionAndCanBeChosen() {
    assertThat(operator(render(ValueSet.DEFAULTS)).getImage())
        .isEqualTo("ghcr.io/vmclone/vmclone-operator:0.1.0");

    Rendering chosen =
        chart.render(
            Map.of(
                "image.repository", "registry.example.com/vmclone",
                "image.tag", "1.2.3",
                "image.pullPolicy", "Always"));
    assertThat(operator(chosen).getImage()).isEqualTo("registry.example.com/vmclone:1.2.3");
    assertThat(operator(chosen).getImagePullPolicy()).isEqualTo("Always");
  }

  @Test
  void resourcesNodeSelectorAndTolerationsComeFromValues() {
    Rendering rendering =
        chart.render(
            Map.of(
                "resources.limits.memory", "1Gi",
                "nodeSelector.node-role\\.kubernetes\\.io/infra", "",
                "tolerations[0].key", "infra",
                "tolerations[0].operator", "Exists",
                "tolerations[0].effect", "NoSchedule"));
    PodSpec pod = operatorPod(rendering);

    assertThat(operator(rendering).getResources().getLimits().get("memory").toString())
        .isEqualTo("1Gi");
    assertThat(pod.getNodeSelector()).containsEntry("node-role.kubernetes.io/infra", "");
    assertThat(pod.getTolerations())
        .singleElement()
        .satisfies(toleration -> assertThat(toleration.getKey()).isEqualTo("infra"));
  }

  private static void assertRestricted(String name, Container container) {
    SecurityContext security = container.getSecurityContext();
    assertThat(security).as(name).isNotNull();
    assertThat(security.getAllowPrivilegeEscalation()).as(name).isFalse();
    assertThat(security.getReadOnlyRootFilesystem()).as(name).isTrue();
    assertThat(security.getRunAsNonRoot()).as(name).isTrue();
    assertThat(security.getPrivileged()).as(name).isNull();
    assertThat(security.getCapabilities().getDrop()).as(name).containsExactly("ALL");
    assertThat(security.getCapabilities().getAdd()).as(name).isEmpty();
    assertThat(security.getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
  }

  private static void assertHttpProbe(Probe probe, String path) {
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
  }

  static ContainerPort port(Container container, String name) {
    return container.getPorts().stream()
        .filter(port -> name.equals(port.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container port " + name));
  }

  static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream()
        .filter(volume -> volume.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }
}
