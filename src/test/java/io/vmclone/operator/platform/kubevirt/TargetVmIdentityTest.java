package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.operator.platform.kubevirt.VmFixtures.build;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.cloneOf;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.refusal;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.request;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.vm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.platform.PlatformException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetVmIdentityTest {

  private final ObjectNode source = vm("running-multi-nic");
  private final VirtualMachineCloneSpec spec = cloneOf(source);

  @Test
  void keepsGivenMacAndDropsOthers() {
    spec.setNewMacAddresses(Map.of("blue", "02:00:00:00:00:0b"));

    JsonNode interfaces = build(source, spec).at("/spec/template/spec/domain/devices/interfaces");

    assertThat(interfaces.get(0).get("name").asText()).isEqualTo("default");
    assertThat(interfaces.get(0).has("macAddress")).isFalse();
    assertThat(interfaces.get(1).get("macAddress").asText()).isEqualTo("02:00:00:00:00:0b");
    assertThat(interfaces.get(1).get("model").asText()).isEqualTo("virtio");
  }

  @Test
  void dropsEveryMacWhenTheSpecGivesNone() {
    JsonNode interfaces = build(source, spec).at("/spec/template/spec/domain/devices/interfaces");

    assertThat(interfaces)
        .hasSize(2)
        .allSatisfy(iface -> assertThat(iface.has("macAddress")).isFalse());
  }

  @Test
  void emptyMacValueAsksForANewAddress() {
    spec.setNewMacAddresses(Map.of("default", ""));

    JsonNode iface = build(source, spec).at("/spec/template/spec/domain/devices/interfaces/0");

    assertThat(iface.has("macAddress")).isFalse();
  }

  @Test
  void refusesMacForAnInterfaceTheVmLacks() {
    spec.setNewMacAddresses(Map.of("green", "02:00:00:00:00:0c"));

    PlatformException refusal = refusal(request(source, spec));

    assertThat(refusal.reason()).isEqualTo("InvalidSpec");
    assertThat(refusal.getMessage())
        .isEqualTo(
            "spec.newMacAddresses[green]: the source VM has no interface of that name (it has:"
                + " default, blue)");
  }

  @Test
  void refusesMulticastMacAsInvalidSpec() {
    spec.setNewMacAddresses(Map.of("blue", "01:00:5e:00:00:01"));

    PlatformException refusal = refusal(request(source, spec));

    assertThat(refusal.reason()).isEqualTo("InvalidSpec");
    assertThat(refusal.getMessage())
        .startsWith("spec.newMacAddresses[blue]: \"01:00:5e:00:00:01\" is a multicast");
  }

  @Test
  void setsTheGivenSmbiosSerial() {
    spec.setNewSMBiosSerial("SN-0042");

    JsonNode firmware = build(source, spec).at("/spec/template/spec/domain/firmware");

    assertThat(firmware.get("serial").asText()).isEqualTo("SN-0042");
  }

  @Test
  void setsTheDefaultSerialWhenTheSpecGivesNone() {
    JsonNode firmware = build(source, spec).at("/spec/template/spec/domain/firmware");

    assertThat(firmware.get("serial").asText()).isEqualTo(VmFixtures.DEFAULT_SERIAL);
  }

  @Test
  void removesTheFirmwareUuid() {
    JsonNode firmware = build(source, spec).at("/spec/template/spec/domain/firmware");

    assertThat(firmware.has("uuid")).isFalse();
  }

  @Test
  void addsFirmwareSerialToAVmWithoutFirmware() {
    ObjectNode stopped = vm("stopped-containerdisk");

    JsonNode firmware = build(stopped, cloneOf(stopped)).at("/spec/template/spec/domain/firmware");

    assertThat(firmware.get("serial").asText()).isEqualTo(VmFixtures.DEFAULT_SERIAL);
    assertThat(firmware.has("uuid")).isFalse();
  }
}
