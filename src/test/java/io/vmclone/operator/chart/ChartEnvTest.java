package io.vmclone.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The operator container's environment names only settings that exist, and the chart's defaults are
 * the operator's own.
 *
 * <p>The Quarkus settings the chart sets: {@code QUARKUS_MANAGEMENT_PORT}, {@code
 * QUARKUS_HTTP_SSL_PORT}, {@code QUARKUS_HTTP_SSL_CERTIFICATE_FILES}, {@code
 * QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES}, {@code QUARKUS_HTTP_SSL_CERTIFICATE_RELOAD_PERIOD}
 * (quarkus-vertx-http) and {@code QUARKUS_LOG_CONSOLE_JSON_ENABLED} (quarkus-logging-json).
 */
class ChartEnvTest extends ChartTestSupport {

  /** What the pod tells the operator; read in io.vmclone.operator.config. */
  private static final Set<String> FROM_THE_POD = Set.of("POD_NAMESPACE", "HOSTNAME");

  @ParameterizedTest
  @EnumSource(ValueSet.class)
  void namesOnlySettingsThatExist(ValueSet values) {
    Set<String> known = new HashSet<>(FROM_THE_POD);
    known.addAll(KnownSettings.operatorConfig().keySet());
    known.addAll(KnownSettings.applicationProperties());
    known.addAll(KnownSettings.quarkus());

    assertThat(env(render(values))).extracting(EnvVar::getName).allMatch(known::contains);
  }

  @Test
  void theQuarkusSettingsAreInTheirExtensionsModels() {
    assertThat(KnownSettings.quarkus())
        .contains(
            "QUARKUS_MANAGEMENT_PORT",
            "QUARKUS_HTTP_SSL_PORT",
            "QUARKUS_HTTP_SSL_CERTIFICATE_FILES",
            "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES",
            "QUARKUS_HTTP_SSL_CERTIFICATE_RELOAD_PERIOD");
  }

  @Test
  void theDatabaseSettingsAreTheOnesApplicationPropertiesReads() {
    assertThat(KnownSettings.applicationProperties())
        .contains("VMCLONE_DB_URL", "VMCLONE_DB_USER", "VMCLONE_DB_PASSWORD");
  }

  @Test
  void theChartsDefaultsAreTheOperatorsDefaults() {
    Map<String, String> rendered = envValues(render(ValueSet.DEFAULTS));
    Map<String, Optional<String>> operator = KnownSettings.operatorConfig();

    for (String name : rendered.keySet()) {
      if (operator.containsKey(name) && operator.get(name).isPresent()) {
        assertThat(rendered.get(name)).as(name).isEqualTo(operator.get(name).get());
      }
    }
    assertThat(rendered)
        .containsKeys(
            "VMCLONE_CONTINUOUS_ENABLED",
            "VMCLONE_CONTINUOUS_MAX_RESTARTS",
            "VMCLONE_LEADER_ELECTION_LEASE_DURATION",
            "VMCLONE_LEADER_ELECTION_RENEW_DEADLINE",
            "VMCLONE_LEADER_ELECTION_RETRY_PERIOD",
            "VMCLONE_IDENTITY_IMPERSONATE_USERS",
            "VMCLONE_IDENTITY_MAX_TOKEN_LIFETIME");
  }

  @Test
  void refusesAnUnknownLogFormat() {
    assertThatThrownBy(() -> chart.render(Map.of("log.format", "xml")))
        .hasMessageContaining("log.format must be json or text");
  }

  @Test
  void valuesBecomeSettings() {
    assertThat(envValues(render(ValueSet.CONTINUOUS_OFF)))
        .containsEntry("VMCLONE_CONTINUOUS_ENABLED", "false");
    assertThat(envValues(render(ValueSet.IMPERSONATION)))
        .containsEntry("VMCLONE_IDENTITY_IMPERSONATE_USERS", "true");
    assertThat(envValues(render(ValueSet.JSON_LOGS)))
        .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
    assertThat(envValues(render(ValueSet.DEFAULTS)))
        .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    Map<String, String> tuned =
        envValues(
            chart.render(
                Map.of(
                    "continuous.maxRestarts", "5",
                    "leaderElection.leaseDuration", "30s",
                    "leaderElection.renewDeadline", "20s",
                    "leaderElection.retryPeriod", "4s",
                    "identity.maxTokenLifetime", "2h")));
    assertThat(tuned)
        .containsEntry("VMCLONE_CONTINUOUS_MAX_RESTARTS", "5")
        .containsEntry("VMCLONE_LEADER_ELECTION_LEASE_DURATION", "30s")
        .containsEntry("VMCLONE_LEADER_ELECTION_RENEW_DEADLINE", "20s")
        .containsEntry("VMCLONE_LEADER_ELECTION_RETRY_PERIOD", "4s")
        .containsEntry("VMCLONE_IDENTITY_MAX_TOKEN_LIFETIME", "2h");
  }
}
