package io.vmclone.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.vmclone.operator.api.VirtualMachineClone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed CRD in {@code crds/} must be what the build generates from the API classes. Fix a
 * failure by copying {@code target/kubernetes/virtualmachineclones.vmclone.io-v1.yml} over it.
 */
class CrdSyncTest {

  static final String FILE = "virtualmachineclones.vmclone.io-v1.yml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void committedCrdMatchesTheGeneratorOutput(@TempDir Path dir) throws IOException {
    new CRDGenerator()
        .customResourceClasses(VirtualMachineClone.class)
        .forCRDVersions("v1")
        .withPostProcessor(new CrdFinishing())
        .inOutputDir(dir.toFile())
        .generate();

    assertThat(read(Path.of("crds", FILE)))
        .as(
            "crds/%s is stale: regenerate it with mvn package and copy target/kubernetes/%s",
            FILE, FILE)
        .isEqualTo(read(dir.resolve(FILE)));
  }

  @Test
  void committedCrdMatchesWhatQuarkusGeneratedIfItRan() throws IOException {
    Path built = Path.of("target", "kubernetes", FILE);
    if (Files.exists(built)) {
      assertThat(read(Path.of("crds", FILE))).isEqualTo(read(built));
    }
  }

  @Test
  void specIsImmutableAndColumnsAreInOrder() throws IOException {
    JsonNode version = read(Path.of("crds", FILE)).at("/spec/versions/0");
    assertThat(
            version
                .at("/schema/openAPIV3Schema/properties/spec/x-kubernetes-validations/0/rule")
                .asText())
        .isEqualTo("self == oldSelf");
    assertThat(version.at("/subresources/status").isObject()).isTrue();
    assertThat(version.get("additionalPrinterColumns").findValuesAsText("name"))
        .containsExactly("Phase", "Step", "Progress", "Source", "Target", "Restarts", "Age");
  }

  private static JsonNode read(Path path) throws IOException {
    return YAML.readTree(path.toFile());
  }
}
