package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmclone.operator.platform.PlatformException;
import java.util.ArrayList;
import java.util.List;

/**
 * What keeps a VirtualMachine from being cloned by copying its disks: state that lives outside them
 * (a persistent vTPM, persistent EFI variables) or disks on a node's file system (hostDisk).
 * Volumes on PVCs and DataVolumes are copied; containerDisks, cloud-init, ConfigMap, Secret and
 * similar volumes are carried over as they are.
 */
public final class Cloneability {

  /** The condition reason of a refusal. */
  public static final String REASON = "SourceNotCloneable";

  private Cloneability() {}

  /** Everything that keeps the VM manifest from being cloned; empty if it can be. */
  public static List<String> problems(JsonNode vm) {
    JsonNode domain = vm.at("/spec/template/spec/domain");
    List<String> problems = new ArrayList<>();
    if (domain.at("/devices/tpm/persistent").asBoolean(false)) {
      problems.add("it has a persistent vTPM, whose state is not on its disks");
    }
    if (domain.at("/firmware/bootloader/efi/persistent").asBoolean(false)) {
      problems.add("it keeps persistent EFI variables, which are not on its disks");
    }
    for (JsonNode volume : vm.at("/spec/template/spec/volumes")) {
      if (volume.has("hostDisk")) {
        problems.add("volume " + volume.path("name").asText() + " is a hostDisk on one node");
      }
    }
    return problems;
  }

  /** Refuses the VM with reason {@value REASON} if it cannot be cloned. */
  public static void require(JsonNode vm) {
    List<String> problems = problems(vm);
    if (!problems.isEmpty()) {
      throw new PlatformException(
          REASON,
          "VirtualMachine "
              + vm.at("/metadata/namespace").asText()
              + "/"
              + vm.at("/metadata/name").asText()
              + " cannot be cloned: "
              + String.join("; ", problems));
    }
  }
}
