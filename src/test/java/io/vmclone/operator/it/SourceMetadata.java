package io.vmclone.operator.it;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Changes to a test VM before it is created ({@link OperatorIT#createVm(String, String, String,
 * Consumer)}): more labels and annotations on the VM and on its template, as KubeVirt's clone tests
 * give their source VMs ({@code libvmi.WithLabel}, {@code WithAnnotation}), or another serial.
 */
final class SourceMetadata {

  private SourceMetadata() {}

  /** Adds the labels and annotations to the VM's metadata and to its template's. */
  static Consumer<GenericKubernetesResource> of(
      Map<String, String> labels,
      Map<String, String> annotations,
      Map<String, String> templateLabels,
      Map<String, String> templateAnnotations) {
    return vm -> {
      if (vm.getMetadata().getLabels() == null) {
        vm.getMetadata().setLabels(new LinkedHashMap<>());
      }
      if (vm.getMetadata().getAnnotations() == null) {
        vm.getMetadata().setAnnotations(new LinkedHashMap<>());
      }
      vm.getMetadata().getLabels().putAll(labels);
      vm.getMetadata().getAnnotations().putAll(annotations);
      Map<String, Object> template = child(child(vm.getAdditionalProperties(), "spec"), "template");
      Map<String, Object> metadata = child(template, "metadata");
      child(metadata, "labels").putAll(templateLabels);
      child(metadata, "annotations").putAll(templateAnnotations);
    };
  }

  /** Sets the SMBIOS serial of the VM's firmware. */
  static Consumer<GenericKubernetesResource> serial(String serial) {
    return vm -> {
      Map<String, Object> spec = child(child(vm.getAdditionalProperties(), "spec"), "template");
      child(child(child(spec, "spec"), "domain"), "firmware").put("serial", serial);
    };
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<>());
  }
}
