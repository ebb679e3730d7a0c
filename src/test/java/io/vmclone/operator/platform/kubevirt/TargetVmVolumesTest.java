package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.operator.platform.kubevirt.VmFixtures.build;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.cloneOf;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.refusal;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.vm;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.operator.platform.kubevirt.VolumeToCopy.Backing;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetVmVolumesTest {

  private final ObjectNode running = vm("running-multi-nic");
  private final ObjectNode stopped = vm("stopped-containerdisk");

  @Test
  void listsTheVolumesToCopyInManifestOrderWithTheirSources() {
    assertThat(VmVolumes.volumesToCopy(running))
        .containsExactly(
            new VolumeToCopy("rootdisk", Backing.DATA_VOLUME, "fedora-web-root"),
            new VolumeToCopy("data", Backing.PERSISTENT_VOLUME_CLAIM, "fedora-web-data"));
    assertThat(VmVolumes.volumesToCopy(stopped))
        .containsExactly(
            new VolumeToCopy("hotplugged", Backing.PERSISTENT_VOLUME_CLAIM, "lab-extra"));
  }

  @Test
  void listsNoVolumesToCopyOfAVmWithoutVolumes() {
    assertThat(VmVolumes.volumesToCopy(yaml("kind: VirtualMachine\nspec: {}"))).isEmpty();
  }

  @Test
  void pointsAPvcVolumeAtItsCopy() {
    JsonNode volume = volume(build(running, cloneOf(running)), "data");

    assertThat(volume).isEqualTo(yaml("name: data\ndataVolume: {name: vmclone-3bdfcff58ae0-data}"));
  }

  @Test
  void pointsADataVolumeVolumeAtItsCopy() {
    JsonNode volume = volume(build(running, cloneOf(running)), "rootdisk");

    assertThat(volume)
        .isEqualTo(yaml("name: rootdisk\ndataVolume: {name: vmclone-3bdfcff58ae0-rootdisk}"));
  }

  @Test
  void keepsHotpluggableOfACopiedVolume() {
    JsonNode volume = volume(build(stopped, cloneOf(stopped)), "hotplugged");

    assertThat(volume)
        .isEqualTo(
            yaml(
                "name: hotplugged\ndataVolume: {name: vmclone-3bdfcff58ae0-hotplugged, hotpluggable: true}"));
  }

  @Test
  void rewritesTheDataVolumeTemplateOfACopiedVolumeToTheCopy() {
    ObjectNode target = build(running, cloneOf(running));

    JsonNode template = target.at("/spec/dataVolumeTemplates/0");

    assertThat(template)
        .isEqualTo(
            yaml(
                """
                apiVersion: cdi.kubevirt.io/v1beta1
                kind: DataVolume
                metadata:
                  name: vmclone-3bdfcff58ae0-rootdisk
                  creationTimestamp: null
                  labels:
                    example.com/disk: root
                    vmclone.io/task-id: 9b2e4c1a-7f3d-4e8a-b6c5-d4e3f2a1b0c9
                spec:
                  source:
                    snapshot: {namespace: vms, name: vmsnapshot-volume-rootdisk}
                  storage:
                    resources: {requests: {storage: 10Gi}}
                """));
  }

  @Test
  void dropsDataVolumeTemplatesNoCopiedVolumeUses() {
    ObjectNode target = build(running, cloneOf(running));

    assertThat(target.at("/spec/dataVolumeTemplates")).hasSize(1);
  }

  @Test
  void omitsDataVolumeTemplatesWhenNoneIsLeft() {
    ObjectNode vm = running.deepCopy();
    ((ObjectNode) vm.at("/spec/template/spec/volumes/0")).remove("dataVolume");
    ((ObjectNode) vm.at("/spec/template/spec/volumes/0"))
        .putObject("containerDisk")
        .put("image", "quay.io/x/y:1");

    ObjectNode target = build(vm, cloneOf(vm));

    assertThat(target.get("spec").has("dataVolumeTemplates")).isFalse();
  }

  @Test
  void copiesContainerDiskCloudInitAndEmptyDiskAsTheyAre() {
    ObjectNode target = build(stopped, cloneOf(stopped));

    for (String name : new String[] {"containerdisk", "cloudinitdisk", "scratch"}) {
      assertThat(volume(target, name)).isEqualTo(volume(stopped, name));
    }
    assertThat(volume(build(running, cloneOf(running)), "cloudinitdisk"))
        .isEqualTo(volume(running, "cloudinitdisk"));
  }

  @Test
  void keepsDisksAndVolumesInTheirOrder() {
    ObjectNode target = build(running, cloneOf(running));

    assertThat(target.at("/spec/template/spec/domain/devices/disks"))
        .isEqualTo(running.at("/spec/template/spec/domain/devices/disks"));
    assertThat(target.at("/spec/template/spec/volumes"))
        .extracting(v -> v.get("name").asText())
        .containsExactly("rootdisk", "data", "cloudinitdisk");
  }

  @Test
  void refusesACopiedVolumeWithoutACopy() {
    Map<String, DiskCopy> copies = new HashMap<>(VmFixtures.copiesOf(running));
    copies.remove("data");
    TargetVmRequest request =
        new TargetVmRequest(
            running, cloneOf(running), "clones", "web-copy", VmFixtures.TASK_ID, "s", copies);

    PlatformException refusal = refusal(request);

    assertThat(refusal.reason()).isEqualTo("SourceNotCloneable");
    assertThat(refusal.getMessage())
        .startsWith("volume data (persistentVolumeClaim fedora-web-data) has no disk copy");
  }

  private static JsonNode volume(JsonNode vm, String name) {
    for (JsonNode volume : vm.at("/spec/template/spec/volumes")) {
      if (volume.get("name").asText().equals(name)) {
        return volume;
      }
    }
    throw new AssertionError("no volume " + name);
  }
}
