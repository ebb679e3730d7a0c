package io.vmclone.operator.platform.kubevirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.vmclone.testing.KubeVirtManifests;
import io.vmclone.testing.TestControlPlane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample VM of the repository (the examples, the VMs of the unit tests, the integration tests
 * and the crash harness) against the real API server with the KubeVirt CRDs' structural schemas:
 * created with strict field validation, which refuses any field the schemas would prune, and stored
 * with the spec as it was sent.
 */
class KubeVirtSamplesIT {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Server-set metadata of the samples written as {@code kubectl get -o yaml} shows them. */
  private static final List<String> SERVER_METADATA =
      List.of(
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "managedFields",
          "ownerReferences",
          "finalizers");

  private static String ns;
  private static KubernetesClient admin;

  @BeforeAll
  static void namespace() {
    admin = TestControlPlane.admin();
    ns = TestControlPlane.newNamespace("samples");
  }

  @AfterAll
  static void dropNamespace() {
    admin.namespaces().withName(ns).delete();
  }

  static Stream<Path> samples() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String folder :
        List.of("examples/vms", "src/test/resources/vms", "src/test/resources/crash")) {
      try (Stream<Path> listed = Files.list(Path.of(folder))) {
        listed.filter(file -> file.toString().endsWith(".yaml")).sorted().forEach(files::add);
      }
    }
    files.add(Path.of("src/test/resources/it/vm.yaml"));
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void sampleIsAcceptedStrictlyAndStoredAsSent(Path file) throws IOException {
    String name =
        (file.getParent().getFileName() + "-" + file.getFileName())
            .replace(".yaml", "")
            .replace(".", "-");
    for (ObjectNode object : objects(file, name)) {
      GenericKubernetesResource sent =
          admin.getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);

      GenericKubernetesResource stored =
          admin.resource(sent).fieldValidation(Validation.STRICT).create();

      if ("VirtualMachine".equals(object.path("kind").asText())) {
        JsonNode storedSpec =
            admin.getKubernetesSerialization().convertValue(stored, ObjectNode.class).path("spec");
        assertThat(storedSpec).as(file + ": spec as stored").isEqualTo(object.path("spec"));
      }
    }
  }

  @Test
  void fieldTheSchemasDoNotDeclareIsRefusedUnderStrictValidation() {
    ObjectNode vm = KubeVirtManifests.vm(ns, "strict", "Halted");
    ((ObjectNode) vm.get("spec")).put("notInTheSchema", true);
    GenericKubernetesResource sent =
        admin.getKubernetesSerialization().convertValue(vm, GenericKubernetesResource.class);

    assertThatThrownBy(() -> admin.resource(sent).fieldValidation(Validation.STRICT).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(400);
              assertThat(e.getMessage()).contains("unknown field", "spec.notInTheSchema");
            });
  }

  /** The file's objects, placeholders filled in, in this class's namespace, without server data. */
  private static List<ObjectNode> objects(Path file, String name) throws IOException {
    String text =
        Files.readString(file)
            .replace("NAMESPACE", ns)
            .replace("RUN_STRATEGY", "Halted")
            .replace("DATA_VOLUME", "datadisk")
            .replace("NAME", name);
    List<ObjectNode> objects = new ArrayList<>();
    try (JsonParser parser = YAML.getFactory().createParser(text)) {
      for (var documents = YAML.readValues(parser, ObjectNode.class); documents.hasNext(); ) {
        ObjectNode object = documents.next();
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        metadata.put("namespace", ns);
        metadata.remove(SERVER_METADATA);
        objects.add(object);
      }
    }
    return objects;
  }
}
