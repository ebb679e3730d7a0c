package io.vmclone.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Like {@link PostgresResource}, but the application reaches its database through a {@link
 * TcpProxy} the test can cut.
 */
public class ProxiedPostgresResource implements QuarkusTestResourceLifecycleManager {

  private static TcpProxy proxy;

  public static TcpProxy proxy() {
    return proxy;
  }

  @Override
  public Map<String, String> start() {
    String direct = TestDatabase.newDatabase("outage");
    proxy = new TcpProxy(TestDatabase.port());
    String proxied = direct.replace(":" + TestDatabase.port() + "/", ":" + proxy.port() + "/");
    return Map.of(
        "quarkus.datasource.jdbc.url", proxied,
        "quarkus.datasource.username", "postgres",
        "quarkus.datasource.password", "");
  }

  @Override
  public void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }
}
