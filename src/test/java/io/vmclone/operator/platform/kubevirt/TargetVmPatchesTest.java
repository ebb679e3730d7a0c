package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.operator.platform.kubevirt.VmFixtures.build;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.cloneOf;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.refusal;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.request;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.vm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.platform.PlatformException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetVmPatchesTest {

  private final ObjectNode source = vm("running-multi-nic");
  private final VirtualMachineCloneSpec spec = cloneOf(source);

  @Test
  void appliesPatchesInOrder() {
    spec.setPatches(
        List.of(
            op("add", "/metadata/labels/stage", "\"test\""),
            op("replace", "/metadata/labels/stage", "\"prod\""),
            op("replace", "/spec/template/spec/domain/cpu/cores", "4")));

    ObjectNode target = build(source, spec);

    assertThat(target.at("/metadata/labels/stage").asText()).isEqualTo("prod");
    assertThat(target.at("/spec/template/spec/domain/cpu/cores").asInt()).isEqualTo(4);
  }

  @Test
  void appliesPatchesLastToTheFinishedTarget() {
    spec.setLabelFilters(List.of("app"));
    spec.setPatches(
        List.of(
            "{\"op\":\"test\",\"path\":\"/spec/template/spec/volumes/1/dataVolume/name\","
                + "\"value\":\"vmclone-3bdfcff58ae0-data\"}",
            op("add", "/metadata/labels/tier", "\"backend\"")));

    ObjectNode target = build(source, spec);

    assertThat(target.at("/metadata/labels/tier").asText()).isEqualTo("backend");
  }

  @Test
  void refusesAPatchThatDoesNotApplyNamingIt() {
    spec.setPatches(
        List.of(
            op("add", "/metadata/labels/a", "\"b\""),
            "{\"op\":\"remove\",\"path\":\"/spec/nope\"}"));

    PlatformException refusal = refusal(request(source, spec));

    assertThat(refusal.reason()).isEqualTo("InvalidSpec");
    assertThat(refusal.getMessage())
        .startsWith("spec.patches[1]: does not apply to the target VM: ");
  }

  /** KubeVirt's clone admission's example patch: the MAC the builder removed is set again. */
  @Test
  void aReplaceOfAMemberTheObjectLacksSetsItAsKubeVirtsPatchingDoes() {
    spec.setPatches(
        List.of(
            op(
                "replace",
                "/spec/template/spec/domain/devices/interfaces/0/macAddress",
                "\"DE-AD-00-FF-FF-FF\"")));

    ObjectNode target = build(source, spec);

    assertThat(target.at("/spec/template/spec/domain/devices/interfaces/0/macAddress").asText())
        .isEqualTo("DE-AD-00-FF-FF-FF");
  }

  @Test
  void refusesAReplaceUnderAMissingObjectOrPastTheEndOfAnArray() {
    spec.setPatches(
        List.of(
            op("replace", "/spec/template/spec/domain/nope/x", "1"),
            op("replace", "/spec/template/spec/domain/devices/interfaces/9/macAddress", "\"x\"")));
    assertThat(refusal(request(source, spec)).getMessage())
        .startsWith("spec.patches[0]: does not apply to the target VM: ");

    spec.setPatches(List.of(spec.getPatches().get(1)));
    assertThat(refusal(request(source, spec)).getMessage())
        .startsWith("spec.patches[0]: does not apply to the target VM: ");
  }

  @Test
  void refusesAFailedTestOperation() {
    spec.setPatches(
        List.of("{\"op\":\"test\",\"path\":\"/spec/runStrategy\",\"value\":\"Always\"}"));

    PlatformException refusal = refusal(request(source, spec));

    assertThat(refusal.getMessage()).startsWith("spec.patches[0]: does not apply to the target VM");
  }

  @Test
  void refusesAPatchThatIsNotOneOperationBeforeBuildingAnything() {
    spec.setPatches(List.of("[{\"op\":\"remove\",\"path\":\"/spec\"}]"));

    PlatformException refusal = refusal(request(source, spec));

    assertThat(refusal.reason()).isEqualTo("InvalidSpec");
    assertThat(refusal.getMessage())
        .startsWith("spec.patches[0]: must be one JSON patch operation");
  }

  /** a patch that touches what the operator relies on | the field named in the refusal. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          {"op":"replace","path":"/metadata/name","value":"other"}              | metadata.name
          {"op":"replace","path":"/metadata/namespace","value":"kube-system"}   | metadata.namespace
          {"op":"remove","path":"/metadata/labels/vmclone.io~1task-id"}         | metadata.labels.vmclone.io/task-id
          {"op":"remove","path":"/metadata/labels"}                             | metadata.labels.vmclone.io/task-id
          {"op":"replace","path":"/spec/runStrategy","value":"Always"}          | spec.runStrategy
          {"op":"add","path":"/spec/running","value":true}                      | spec.running
          {"op":"replace","path":"/kind","value":"VirtualMachineInstance"}      | kind
          {"op":"replace","path":"/apiVersion","value":"kubevirt.io/v1alpha3"}  | apiVersion
          """)
  void refusesAPatchThatChangesWhatTheOperatorReliesOn(String patch, String field) {
    spec.setPatches(List.of(op("add", "/metadata/labels/ok", "\"yes\""), patch));

    PlatformException refusal = refusal(request(source, spec));

    assertThat(refusal.reason()).isEqualTo("InvalidSpec");
    assertThat(refusal.getMessage()).startsWith("spec.patches[1]: must not change " + field + " (");
  }

  @Test
  void refusesAPatchThatReplacesTheWholeManifestWithANonObject() {
    spec.setPatches(List.of("{\"op\":\"replace\",\"path\":\"\",\"value\":[]}"));

    assertThat(refusal(request(source, spec)).getMessage())
        .isEqualTo("spec.patches[0]: must not replace the VM manifest with a non-object");
  }

  @Test
  void dropsAStatusAPatchAdds() {
    spec.setPatches(List.of(op("add", "/status", "{\"ready\":true}")));

    assertThat(build(source, spec).has("status")).isFalse();
  }

  private static String op(String op, String path, String jsonValue) {
    return "{\"op\":\"" + op + "\",\"path\":\"" + path + "\",\"value\":" + jsonValue + "}";
  }
}
