package io.vmclone.operator.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmclone.operator.api.ClonePolicy;
import io.vmclone.operator.api.CloneSource;
import io.vmclone.operator.api.CloneTarget;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.TemplateFilters;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

  @Test
  void acceptsAFullValidSpec() {
    VirtualMachineCloneSpec spec = minimalSpec();
    spec.setTarget(new CloneTarget("fedora-copy", "team-b"));
    spec.setLabelFilters(List.of("*", "!example.com/*"));
    spec.setAnnotationFilters(List.of("note*"));
    TemplateFilters template = new TemplateFilters();
    template.setLabelFilters(List.of("kubevirt.io/*"));
    template.setAnnotationFilters(List.of("!k8s.ovn.org/*", "*"));
    spec.setTemplate(template);
    spec.setNewMacAddresses(Map.of("default", "02:00:00:00:00:01", "blue", ""));
    spec.setNewSMBiosSerial("serial-1");
    spec.setPatches(List.of("{\"op\":\"add\",\"path\":\"/metadata/labels/x\",\"value\":\"y\"}"));
    spec.setPolicy(new ClonePolicy(3, "1h30m"));

    assertThat(SpecValidator.validate(spec)).isEmpty();
  }

  @Test
  void refusesMissingSpec() {
    assertThat(SpecValidator.validate(null))
        .extracting(SpecError::toString)
        .containsExactly("spec: is required");
  }

  @Test
  void requiresSource() {
    VirtualMachineCloneSpec spec = new VirtualMachineCloneSpec();

    assertThat(SpecValidator.validate(spec))
        .extracting(SpecError::toString)
        .containsExactly("spec.source: is required");
  }

  @Test
  void requiresSourceKindAndName() {
    VirtualMachineCloneSpec spec = new VirtualMachineCloneSpec();
    spec.setSource(new CloneSource(null, " ", null));

    assertThat(SpecValidator.validate(spec))
        .extracting(SpecError::field)
        .containsExactly("spec.source.kind", "spec.source.name");
  }

  @Test
  void refusesTargetThatIsTheSourceVmItself() {
    VirtualMachineCloneSpec spec = minimalSpec();
    spec.setTarget(new CloneTarget("fedora", null));

    assertThat(SpecValidator.validate(spec))
        .extracting(SpecError::toString)
        .containsExactly(
            "spec.target.name: must differ from the source VM's name in the same namespace");
  }

  @Test
  void acceptsSourceNameAsTargetNameInAnotherNamespace() {
    VirtualMachineCloneSpec spec = minimalSpec();
    spec.setTarget(new CloneTarget("fedora", "team-b"));

    assertThat(SpecValidator.validate(spec)).isEmpty();
  }

  @Test
  void reportsFilterErrorsOfAllFourLists() {
    VirtualMachineCloneSpec spec = minimalSpec();
    spec.setLabelFilters(List.of("a", "b", "a*b"));
    spec.setAnnotationFilters(List.of("x!"));
    TemplateFilters template = new TemplateFilters();
    template.setLabelFilters(List.of("!"));
    template.setAnnotationFilters(List.of("*/x"));
    spec.setTemplate(template);

    assertThat(SpecValidator.validate(spec))
        .extracting(SpecError::toString)
        .containsExactly(
            "spec.labelFilters[2]: \"a*b\": '*' is allowed only at the end",
            "spec.annotationFilters[0]: \"x!\": '!' is allowed only at the start",
            "spec.template.labelFilters[0]: \"!\": '!' alone is not a filter",
            "spec.template.annotationFilters[0]: \"*/x\": '*' is allowed only at the end");
  }

  @Test
  void refusesInvalidMacAddressNamingTheInterface() {
    VirtualMachineCloneSpec spec = minimalSpec();
    spec.setNewMacAddresses(Map.of("default", "01:00:5e:00:00:01", "blue", "00-11-22"));

    assertThat(SpecValidator.validate(spec))
        .extracting(SpecError::field)
        .containsExactly("spec.newMacAddresses[blue]", "spec.newMacAddresses[default]");
  }

  @Test
  void refusesEmptyInterfaceName() {
    VirtualMachineCloneSpec spec = minimalSpec();
    Map<String, String> macs = new HashMap<>();
    macs.put("", "02:00:00:00:00:01");
    spec.setNewMacAddresses(macs);

    assertThat(SpecValidator.validate(spec))
        .extracting(SpecError::toString)
        .containsExactly("spec.newMacAddresses: an interface name must not be empty");
  }

  @Test
  void refusesPatchThatIsNotOneOperation() {
    VirtualMachineCloneSpec spec = minimalSpec();
    spec.setPatches(
        List.of("{\"op\":\"remove\",\"path\":\"/a\"}", "{\"op\":\"add\",\"path\":\"/b\"}"));

    assertThat(SpecValidator.validate(spec))
        .extracting(SpecError::toString)
        .containsExactly("spec.patches[1]: op \"add\" needs a \"value\"");
  }

  @Test
  void refusesTimeoutThatDoesNotParse() {
    VirtualMachineCloneSpec spec = minimalSpec();
    spec.setPolicy(new ClonePolicy(null, "6 hours"));

    assertThat(SpecValidator.validate(spec))
        .extracting(SpecError::toString)
        .containsExactly(
            "spec.policy.timeout: invalid duration \"6 hours\": unknown unit \" hours\" (use ns, us, ms, s, m or h)");
  }

  @Test
  void refusesTimeoutOfZeroOrLess() {
    VirtualMachineCloneSpec zero = minimalSpec();
    zero.setPolicy(new ClonePolicy(null, "0s"));
    VirtualMachineCloneSpec negative = minimalSpec();
    negative.setPolicy(new ClonePolicy(null, "-5m"));

    assertThat(SpecValidator.validate(zero))
        .extracting(SpecError::toString)
        .containsExactly("spec.policy.timeout: \"0s\": must be longer than zero");
    assertThat(SpecValidator.validate(negative))
        .extracting(SpecError::field)
        .containsExactly("spec.policy.timeout");
  }

  @Test
  void refusesTimeoutLongerThanAWeek() {
    VirtualMachineCloneSpec week = minimalSpec();
    week.setPolicy(new ClonePolicy(null, "168h"));
    VirtualMachineCloneSpec longer = minimalSpec();
    longer.setPolicy(new ClonePolicy(null, "168h1s"));

    assertThat(SpecValidator.validate(week)).isEmpty();
    assertThat(SpecValidator.validate(longer))
        .extracting(SpecError::toString)
        .containsExactly("spec.policy.timeout: \"168h1s\": must be at most 168h");
  }

  @Test
  void refusesMaxRestartsOutOfRange() {
    VirtualMachineCloneSpec spec = minimalSpec();
    spec.setPolicy(new ClonePolicy(-1, null));

    assertThat(SpecValidator.validate(spec))
        .extracting(SpecError::toString)
        .containsExactly("spec.policy.maxRestarts: must be between 0 and 100");
  }

  @Test
  void reportsEveryProblemNotJustTheFirst() {
    VirtualMachineCloneSpec spec = new VirtualMachineCloneSpec();
    spec.setSource(new CloneSource(SourceKind.VirtualMachineSnapshot, "", null));
    spec.setLabelFilters(List.of("a*b"));
    spec.setPatches(List.of("[]"));
    spec.setPolicy(new ClonePolicy(null, "soon"));

    assertThat(SpecValidator.validate(spec))
        .extracting(SpecError::field)
        .containsExactly(
            "spec.source.name", "spec.labelFilters[0]", "spec.patches[0]", "spec.policy.timeout");
  }

  @Test
  void acceptsKubeVirtsTypedReferences() {
    VirtualMachineCloneSpec spec = minimalSpec();
    spec.getSource().setApiGroup("kubevirt.io");
    CloneTarget target = new CloneTarget("fedora-copy", null);
    target.setApiGroup("kubevirt.io");
    target.setKind("VirtualMachine");
    spec.setTarget(target);
    assertThat(SpecValidator.validate(spec)).isEmpty();

    VirtualMachineCloneSpec fromSnapshot = new VirtualMachineCloneSpec();
    fromSnapshot.setSource(new CloneSource(SourceKind.VirtualMachineSnapshot, "golden", null));
    fromSnapshot.getSource().setApiGroup("snapshot.kubevirt.io");
    assertThat(SpecValidator.validate(fromSnapshot)).isEmpty();
  }

  @Test
  void refusesAnApiGroupThatIsNotTheKindsAndATargetThatIsNotAVirtualMachine() {
    VirtualMachineCloneSpec spec = minimalSpec();
    spec.getSource().setApiGroup("snapshot.kubevirt.io");
    CloneTarget target = new CloneTarget("fedora-copy", null);
    target.setApiGroup("apps");
    target.setKind("Deployment");
    spec.setTarget(target);

    assertThat(SpecValidator.validate(spec))
        .extracting(SpecError::toString)
        .containsExactly(
            "spec.source.apiGroup: must be kubevirt.io for a VirtualMachine",
            "spec.target.apiGroup: must be kubevirt.io",
            "spec.target.kind: must be VirtualMachine");
  }

  private static VirtualMachineCloneSpec minimalSpec() {
    VirtualMachineCloneSpec spec = new VirtualMachineCloneSpec();
    spec.setSource(new CloneSource(SourceKind.VirtualMachine, "fedora", null));
    return spec;
  }
}
