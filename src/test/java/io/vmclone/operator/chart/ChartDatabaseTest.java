package io.vmclone.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The journal database: the bundled PostgreSQL, or an external one. */
class ChartDatabaseTest extends ChartTestSupport {

  private static final String BUNDLED = HelmChart.RELEASE + "-postgresql";

  @Test
  void theBundledDatabaseIsAPostgresStatefulSetWithAVolume() {
    Rendering rendering = render(ValueSet.DEFAULTS);
    StatefulSet database = rendering.only(StatefulSet.class);
    Container postgres = database.getSpec().getTemplate().getSpec().getContainers().get(0);
    PersistentVolumeClaim data = database.getSpec().getVolumeClaimTemplates().get(0);

    assertThat(postgres.getImage()).isEqualTo("docker.io/library/postgres:17");
    assertThat(data.getSpec().getResources().getRequests().get("storage").toString())
        .isEqualTo("8Gi");
    assertThat(postgres.getVolumeMounts())
        .anySatisfy(mount -> assertThat(mount.getName()).isEqualTo(data.getMetadata().getName()));
  }

  @Test
  void theOperatorReachesTheBundledDatabaseThroughItsService() {
    Rendering rendering = render(ValueSet.DEFAULTS);
    Service service = rendering.named(Service.class, BUNDLED);
    StatefulSet database = rendering.only(StatefulSet.class);

    assertThat(envValues(rendering))
        .containsEntry(
            "VMCLONE_DB_URL",
            "jdbc:postgresql://" + BUNDLED + "." + HelmChart.NAMESPACE + ".svc:5432/vmclone");
    assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(5432);
    assertThat(database.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(operatorPod(rendering).getInitContainers())
        .singleElement()
        .satisfies(
            wait ->
                assertThat(wait.getEnv())
                    .contains(
                        new EnvVar("DB_HOST", BUNDLED + "." + HelmChart.NAMESPACE + ".svc", null)));
  }

  @Test
  void theGeneratedPasswordIsSharedByDatabaseAndOperator() {
    Rendering rendering = render(ValueSet.DEFAULTS);
    Secret credentials = rendering.named(Secret.class, BUNDLED);
    Container postgres =
        rendering.only(StatefulSet.class).getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(decode(credentials, "password")).hasSize(32).isAlphanumeric();
    assertThat(credentials.getMetadata().getAnnotations())
        .as("the volume outlives an uninstall, so does its password")
        .containsEntry("helm.sh/resource-policy", "keep");
    assertThat(decode(credentials, "username")).isEqualTo("vmclone");
    assertThat(secretRef(operator(rendering), "VMCLONE_DB_PASSWORD"))
        .isEqualTo(new SecretKeySelector("password", BUNDLED, null));
    assertThat(secretRef(postgres, "POSTGRES_PASSWORD"))
        .isEqualTo(new SecretKeySelector("password", BUNDLED, null));
    assertThat(secretRef(operator(rendering), "VMCLONE_DB_USER"))
        .isEqualTo(new SecretKeySelector("username", BUNDLED, null));
  }

  @Test
  void anUpgradeKeepsTheGeneratedPassword() {
    Secret installed =
        new SecretBuilder()
            .withNewMetadata()
            .withName(BUNDLED)
            .withNamespace(HelmChart.NAMESPACE)
            .endMetadata()
            .withData(Map.of("username", encode("vmclone"), "password", encode("kept-password")))
            .build();
    chart.cluster().resource(installed).create();
    try {
      Rendering upgrade = render(ValueSet.DEFAULTS);

      assertThat(decode(upgrade.named(Secret.class, BUNDLED), "password"))
          .isEqualTo("kept-password");
    } finally {
      chart.cluster().resource(installed).delete();
    }
  }

  @Test
  void anExistingSecretReplacesTheGeneratedOne() {
    Rendering rendering = render(ValueSet.EXISTING_DATABASE_SECRET);

    assertThat(rendering.all(Secret.class))
        .noneMatch(secret -> secret.getMetadata().getName().equals(BUNDLED));
    assertThat(secretRef(operator(rendering), "VMCLONE_DB_PASSWORD").getName())
        .isEqualTo("journal-credentials");
  }

  @Test
  void anExternalDatabaseReplacesTheBundledOne() {
    Rendering rendering = render(ValueSet.EXTERNAL_DATABASE);

    assertThat(rendering.all(StatefulSet.class)).isEmpty();
    assertThat(rendering.all(Service.class))
        .noneMatch(service -> service.getMetadata().getName().equals(BUNDLED));
    assertThat(rendering.all(Secret.class))
        .noneMatch(secret -> secret.getMetadata().getName().equals(BUNDLED));
    assertThat(operatorPod(rendering).getInitContainers()).isEmpty();
    assertThat(envValues(rendering))
        .containsEntry("VMCLONE_DB_URL", "jdbc:postgresql://db.example.com:5432/vmclone");
    assertThat(secretRef(operator(rendering), "VMCLONE_DB_USER"))
        .isEqualTo(new SecretKeySelector("user", "journal-db", null));
    assertThat(secretRef(operator(rendering), "VMCLONE_DB_PASSWORD"))
        .isEqualTo(new SecretKeySelector("secret", "journal-db", null));
  }

  @Test
  void anExternalDatabaseNeedsAUrlAndASecret() {
    assertThatThrownBy(() -> chart.render(Map.of("postgresql.enabled", "false")))
        .hasMessageContaining("externalDatabase.url is required");
    assertThatThrownBy(
            () ->
                chart.render(
                    Map.of(
                        "postgresql.enabled", "false",
                        "externalDatabase.url", "jdbc:postgresql://db:5432/vmclone")))
        .hasMessageContaining("externalDatabase.existingSecret is required");
  }

  private static SecretKeySelector secretRef(Container container, String name) {
    return container.getEnv().stream()
        .filter(variable -> variable.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no env " + name))
        .getValueFrom()
        .getSecretKeyRef();
  }

  private static String decode(Secret secret, String key) {
    return new String(Base64.getDecoder().decode(secret.getData().get(key)));
  }

  private static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes());
  }
}
