package io.vmclone.operator.platform.kubevirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.testing.KubeVirtManifests;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloneabilityTest {

  @Test
  void vmWithPvcDataVolumeContainerAndCloudInitDisksCanBeCloned() {
    assertThat(Cloneability.problems(KubeVirtManifests.vm("ns", "plain", "Always"))).isEmpty();
  }

  @Test
  void sampleFedoraAndCirrosCanBeCloned() throws IOException {
    assertThat(Cloneability.problems(sample("fedora.yaml"))).isEmpty();
    assertThat(Cloneability.problems(sample("cirros.yaml"))).isEmpty();
  }

  @Test
  void sampleWithPersistentTpmAndEfiIsRefusedWithBothReasons() throws IOException {
    ObjectNode vm = sample("secure-boot.yaml");

    assertThat(Cloneability.problems(vm)).hasSize(2);
    assertThatThrownBy(() -> Cloneability.require(vm))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("SourceNotCloneable");
              assertThat(e.getMessage())
                  .startsWith("VirtualMachine default/secure-boot cannot be cloned: ")
                  .contains("vTPM", "EFI");
            });
  }

  @Test
  void hostDiskIsRefused() {
    ObjectNode vm = KubeVirtManifests.vm("ns", "pinned", "Halted");
    ((ArrayNode) vm.at("/spec/template/spec/volumes"))
        .addObject()
        .put("name", "scratch")
        .putObject("hostDisk")
        .put("path", "/var/scratch.img");

    assertThat(Cloneability.problems(vm))
        .containsExactly("volume scratch is a hostDisk on one node");
  }

  /** The VirtualMachine document of a file in examples/vms. */
  private static ObjectNode sample(String file) throws IOException {
    KubernetesSerialization serialization = new KubernetesSerialization();
    try (InputStream in = new FileInputStream("examples/vms/" + file)) {
      Object parsed = serialization.unmarshal(in);
      List<?> documents = parsed instanceof List<?> list ? list : List.of(parsed);
      return documents.stream()
          .map(d -> serialization.convertValue(d, ObjectNode.class))
          .filter(d -> "VirtualMachine".equals(d.path("kind").asText()))
          .findFirst()
          .orElseThrow();
    }
  }
}
