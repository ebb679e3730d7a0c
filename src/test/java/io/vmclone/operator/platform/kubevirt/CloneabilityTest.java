package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.operator.platform.kubevirt.VmFixtures.cloneOf;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.refusal;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.request;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.vm;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.platform.PlatformException;
import org.junit.jupiter.api.Test;

class CloneabilityTest {

  @Test
  void acceptsVmsWithClaimsContainerDisksAndCloudInit() {
    assertThatCode(() -> Cloneability.requireCloneable(vm("running-multi-nic")))
        .doesNotThrowAnyException();
    assertThatCode(() -> Cloneability.requireCloneable(vm("stopped-containerdisk")))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesPersistentTpm() {
    PlatformException refusal = refusalOf(vm("persistent-tpm"));

    assertThat(refusal.reason()).isEqualTo("SourceNotCloneable");
    assertThat(refusal.getMessage())
        .isEqualTo(
            "VM win11 cannot be cloned: it has a persistent TPM (devices.tpm.persistent), whose"
                + " state is not copied");
  }

  @Test
  void acceptsATpmThatIsNotPersistent() {
    ObjectNode vm = vm("persistent-tpm");
    ((ObjectNode) vm.at("/spec/template/spec/domain/devices/tpm")).put("persistent", false);

    assertThatCode(() -> Cloneability.requireCloneable(vm)).doesNotThrowAnyException();
  }

  @Test
  void refusesPersistentEfi() {
    PlatformException refusal = refusalOf(vm("persistent-efi"));

    assertThat(refusal.reason()).isEqualTo("SourceNotCloneable");
    assertThat(refusal.getMessage())
        .isEqualTo(
            "VM rhel-uefi cannot be cloned: it has persistent EFI variables"
                + " (firmware.bootloader.efi.persistent), whose state is not copied");
  }

  @Test
  void refusesHostDiskVolumes() {
    ObjectNode vm =
        withVolume(
            vm("stopped-containerdisk"),
            "name: legacy\nhostDisk: {path: /data/legacy.img, type: Disk}");

    assertThat(refusalOf(vm).getMessage())
        .isEqualTo(
            "VM cirros-lab cannot be cloned: volume legacy is a hostDisk, a file on one node that"
                + " cannot be copied");
  }

  @Test
  void refusesMemoryDumpVolumes() {
    ObjectNode vm =
        withVolume(vm("stopped-containerdisk"), "name: dump\nmemoryDump: {claimName: dump-pvc}");

    assertThat(refusalOf(vm).getMessage())
        .endsWith("volume dump holds a memory dump; remove the dump from the VM first");
  }

  @Test
  void refusesVolumeKindsItDoesNotKnowNamingThem() {
    ObjectNode vm = withVolume(vm("stopped-containerdisk"), "name: odd\nfancyNewDisk: {size: 1Gi}");

    assertThat(refusalOf(vm).getMessage())
        .endsWith("volume odd is of a kind this operator cannot clone (fancyNewDisk)");
  }

  @Test
  void namesEveryReasonAtOnce() {
    ObjectNode vm = withVolume(vm("persistent-tpm"), "name: legacy\nhostDisk: {path: /x.img}");

    assertThat(refusalOf(vm).getMessage())
        .contains("persistent TPM")
        .contains("; volume legacy is a hostDisk");
  }

  @Test
  void refusesAManifestThatIsNoVirtualMachine() {
    assertThat(refusalOf(yaml("kind: VirtualMachineInstance\nmetadata: {name: x}")).getMessage())
        .isEqualTo(
            "VM x cannot be cloned: the manifest is not a VirtualMachine but VirtualMachineInstance");
  }

  @Test
  void theBuilderRefusesWhatCloneabilityRefuses() {
    ObjectNode vm = vm("persistent-efi");

    PlatformException refusal = refusal(request(vm, cloneOf(vm)));

    assertThat(refusal.reason()).isEqualTo("SourceNotCloneable");
    assertThat(refusal.getMessage()).contains("persistent EFI");
  }

  private static PlatformException refusalOf(ObjectNode vm) {
    return catchThrowableOfType(PlatformException.class, () -> Cloneability.requireCloneable(vm));
  }

  private static ObjectNode withVolume(ObjectNode vm, String volumeYaml) {
    ((ArrayNode) vm.at("/spec/template/spec/volumes")).add(yaml(volumeYaml));
    return vm;
  }
}
