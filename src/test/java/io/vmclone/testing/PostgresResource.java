package io.vmclone.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Gives a @QuarkusTest application a database of its own on the shared embedded PostgreSQL. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of(
        "quarkus.datasource.jdbc.url", TestDatabase.newDatabase("operator"),
        "quarkus.datasource.username", "postgres",
        "quarkus.datasource.password", "");
  }

  @Override
  public void stop() {
    // The shared server stops with the JVM.
  }
}
