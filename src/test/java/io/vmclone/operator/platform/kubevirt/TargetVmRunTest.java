package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.operator.platform.kubevirt.VmFixtures.build;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.cloneOf;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.vm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.RunStrategy;
import org.junit.jupiter.api.Test;

class TargetVmRunTest {

  @Test
  void createsTheCloneOfARunningVmHalted() {
    ObjectNode running = vm("running-multi-nic");

    JsonNode spec = build(running, cloneOf(running)).get("spec");

    assertThat(spec.get("runStrategy").asText()).isEqualTo("Halted");
  }

  @Test
  void replacesRunningFalseWithRunStrategyHalted() {
    ObjectNode stopped = vm("stopped-containerdisk");

    JsonNode spec = build(stopped, cloneOf(stopped)).get("spec");

    assertThat(spec.has("running")).isFalse();
    assertThat(spec.get("runStrategy").asText()).isEqualTo("Halted");
  }

  @Test
  void staysHaltedEvenWhenTheCloneAsksToStartIt() {
    ObjectNode running = vm("running-multi-nic");
    var spec = cloneOf(running);
    spec.setRunStrategy(RunStrategy.Always);

    assertThat(build(running, spec).at("/spec/runStrategy").asText()).isEqualTo("Halted");
  }

  @Test
  void unpinsInstancetypeAndPreferenceRevisionsOfTheSource() {
    ObjectNode stopped = vm("stopped-containerdisk");

    JsonNode spec = build(stopped, cloneOf(stopped)).get("spec");

    assertThat(spec.get("instancetype"))
        .isEqualTo(VmFixtures.yaml("kind: VirtualMachineClusterInstancetype\nname: u1.small"));
    assertThat(spec.get("preference"))
        .isEqualTo(VmFixtures.yaml("kind: VirtualMachineClusterPreference\nname: cirros"));
  }

  @Test
  void keepsTheRestOfTheSpecAsItIs() {
    ObjectNode running = vm("running-multi-nic");

    JsonNode vmiSpec = build(running, cloneOf(running)).at("/spec/template/spec");

    for (String field :
        new String[] {"networks", "evictionStrategy", "terminationGracePeriodSeconds"}) {
      assertThat(vmiSpec.get(field)).isEqualTo(running.at("/spec/template/spec").get(field));
    }
    assertThat(vmiSpec.at("/domain/cpu")).isEqualTo(running.at("/spec/template/spec/domain/cpu"));
  }
}
