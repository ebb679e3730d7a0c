package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.operator.platform.kubevirt.VmFixtures.build;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.cloneOf;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.keys;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.vm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.TemplateFilters;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetVmMetadataTest {

  private final ObjectNode source = vm("running-multi-nic");
  private final VirtualMachineCloneSpec spec = cloneOf(source);

  @Test
  void keepsApiVersionAndKindOfTheSource() {
    ObjectNode target = build(source, spec);

    assertThat(target.get("apiVersion").asText()).isEqualTo("kubevirt.io/v1");
    assertThat(target.get("kind").asText()).isEqualTo("VirtualMachine");
  }

  @Test
  void givesTheTargetItsOwnNameAndNamespace() {
    JsonNode metadata = build(source, spec).get("metadata");

    assertThat(metadata.get("name").asText()).isEqualTo("web-copy");
    assertThat(metadata.get("namespace").asText()).isEqualTo("clones");
  }

  @Test
  void keepsNothingElseOfTheSourceMetadata() {
    JsonNode metadata = build(source, spec).get("metadata");

    assertThat(keys(metadata)).containsExactly("name", "namespace", "labels", "annotations");
  }

  @Test
  void outputNeverContainsStatusUidOrResourceVersion() {
    ObjectNode target = build(source, spec);

    assertThat(VmFixtures.fieldNames(target))
        .doesNotContain("status", "uid", "resourceVersion", "generation", "managedFields");
  }

  @Test
  void labelsTheTargetWithItsTaskIdInsteadOfTheSourcesOwn() {
    JsonNode labels = build(source, spec).get("metadata").get("labels");

    assertThat(labels.get("vmclone.io/task-id").asText()).isEqualTo(VmFixtures.TASK_ID);
  }

  @Test
  void keepsEveryOtherLabelWithoutFilters() {
    JsonNode labels = build(source, spec).get("metadata").get("labels");

    assertThat(keys(labels))
        .containsExactlyInAnyOrder(
            "app", "tier", "example.com/owner", "kubevirt.io/vm", "vmclone.io/task-id");
  }

  @Test
  void filtersLabelsWithLabelFilters() {
    spec.setLabelFilters(List.of("*", "!example.com/*", "!tier"));

    JsonNode labels = build(source, spec).get("metadata").get("labels");

    assertThat(keys(labels))
        .containsExactlyInAnyOrder("app", "kubevirt.io/vm", "vmclone.io/task-id");
  }

  @Test
  void filtersAnnotationsWithAnnotationFilters() {
    spec.setAnnotationFilters(List.of("example.com/*", "description"));

    JsonNode annotations = build(source, spec).get("metadata").get("annotations");

    assertThat(keys(annotations)).containsExactlyInAnyOrder("example.com/ticket", "description");
  }

  @Test
  void neverCopiesLastAppliedConfigurationNorOperatorAnnotations() {
    spec.setAnnotationFilters(List.of("*"));

    JsonNode annotations = build(source, spec).get("metadata").get("annotations");

    assertThat(keys(annotations))
        .containsExactlyInAnyOrder(
            "kubevirt.io/latest-observed-api-version",
            "kubevirt.io/storage-observed-api-version",
            "example.com/ticket",
            "description");
  }

  @Test
  void omitsAnnotationsWhenFiltersKeepNone() {
    spec.setAnnotationFilters(List.of("!*"));

    assertThat(build(source, spec).get("metadata").has("annotations")).isFalse();
  }

  @Test
  void filtersTemplateLabelsAndAnnotationsWithTemplateFilters() {
    TemplateFilters filters = new TemplateFilters();
    filters.setLabelFilters(List.of("kubevirt.io/*"));
    filters.setAnnotationFilters(List.of("*", "!k8s.ovn.org/*"));
    spec.setTemplate(filters);

    JsonNode metadata = build(source, spec).at("/spec/template/metadata");

    assertThat(keys(metadata.get("labels")))
        .containsExactlyInAnyOrder("kubevirt.io/domain", "kubevirt.io/size");
    assertThat(keys(metadata.get("annotations"))).containsExactly("vm.kubevirt.io/os");
  }

  @Test
  void keepsTemplateMetadataWithoutTemplateFilters() {
    JsonNode metadata = build(source, spec).at("/spec/template/metadata");

    assertThat(metadata).isEqualTo(source.at("/spec/template/metadata"));
  }

  @Test
  void dropsTemplateMapsTheFiltersEmpty() {
    TemplateFilters filters = new TemplateFilters();
    filters.setAnnotationFilters(List.of("nothing/matches"));
    spec.setTemplate(filters);

    JsonNode metadata = build(source, spec).at("/spec/template/metadata");

    assertThat(metadata.has("annotations")).isFalse();
    assertThat(metadata.has("labels")).isTrue();
  }

  @Test
  void leavesTheSourceManifestUnchanged() {
    ObjectNode before = source.deepCopy();
    spec.setLabelFilters(List.of("app"));
    spec.setNewMacAddresses(Map.of("blue", "02:00:00:00:00:0b"));
    spec.setPatches(List.of("{\"op\":\"add\",\"path\":\"/metadata/labels/x\",\"value\":\"y\"}"));

    build(source, spec);

    assertThat(source).isEqualTo(before);
  }
}
