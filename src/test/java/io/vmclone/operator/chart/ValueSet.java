package io.vmclone.operator.chart;

import java.util.Map;

/** The value combinations that change the chart's structure, each rendered by the tests. */
enum ValueSet {
  DEFAULTS(Map.of()),
  EXTERNAL_DATABASE(
      Map.of(
          "postgresql.enabled", "false",
          "externalDatabase.url", "jdbc:postgresql://db.example.com:5432/vmclone",
          "externalDatabase.existingSecret", "journal-db",
          "externalDatabase.userKey", "user",
          "externalDatabase.passwordKey", "secret")),
  CERT_MANAGER(Map.of("webhook.certManager.enabled", "true")),
  CERT_MANAGER_ISSUER(
      Map.of(
          "webhook.certManager.enabled", "true",
          "webhook.certManager.issuerRef.name", "cluster-ca",
          "webhook.certManager.issuerRef.kind", "ClusterIssuer")),
  EXISTING_DATABASE_SECRET(Map.of("postgresql.auth.existingSecret", "journal-credentials")),
  SERVICE_MONITOR(Map.of("metrics.serviceMonitor.enabled", "true")),
  IMPERSONATION(Map.of("identity.impersonateUsers", "true")),
  SERVICE_ACCOUNT_NAMESPACES(
      Map.of(
          "identity.serviceAccountNamespaces[0]", "team-a",
          "identity.serviceAccountNamespaces[1]", "team-b")),
  CONTINUOUS_OFF(Map.of("continuous.enabled", "false")),
  JSON_LOGS(Map.of("log.format", "json"));

  private final Map<String, String> values;

  ValueSet(Map<String, String> values) {
    this.values = values;
  }

  /** The {@code --set} values. */
  Map<String, String> settings() {
    return values;
  }
}
