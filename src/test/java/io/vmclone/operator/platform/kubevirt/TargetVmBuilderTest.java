package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.operator.platform.kubevirt.VmFixtures.build;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.cloneOf;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.refusal;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.request;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.vm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.TemplateFilters;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.platform.PlatformException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole transformation at once; the rules one by one are in the TargetVm*Test classes. */
class TargetVmBuilderTest {

  @Test
  void buildsTheWholeTargetOfARunningVm() {
    ObjectNode source = vm("running-multi-nic");
    VirtualMachineCloneSpec spec = cloneOf(source);
    spec.setLabelFilters(List.of("*", "!example.com/*"));
    TemplateFilters template = new TemplateFilters();
    template.setAnnotationFilters(List.of("*", "!k8s.ovn.org/*"));
    spec.setTemplate(template);
    spec.setNewMacAddresses(Map.of("blue", "02:00:00:00:00:0b"));
    spec.setPatches(
        List.of(
            "{\"op\":\"add\",\"path\":\"/metadata/labels/clone-of\",\"value\":\"fedora-web\"}"));

    ObjectNode target = build(source, spec);

    assertThat(target).isEqualTo(vm("running-multi-nic.target"));
  }

  @Test
  void givesTheSameTargetForTheSameRequest() {
    ObjectNode source = vm("stopped-containerdisk");
    VirtualMachineCloneSpec spec = cloneOf(source);

    assertThat(build(source, spec)).isEqualTo(build(source, spec));
  }

  @Test
  void reportsEverySpecErrorInOneRefusal() {
    ObjectNode source = vm("running-multi-nic");
    VirtualMachineCloneSpec spec = cloneOf(source);
    spec.setLabelFilters(List.of("a*b"));
    spec.setPatches(List.of("nope"));

    PlatformException refusal = refusal(request(source, spec));

    assertThat(refusal.reason()).isEqualTo("InvalidSpec");
    assertThat(refusal.getMessage())
        .startsWith(
            "spec.labelFilters[0]: \"a*b\": '*' is allowed only at the end; spec.patches[0]:");
  }
}
