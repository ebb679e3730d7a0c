package io.vmclone.operator.chart;

import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * The discovery documents Helm's {@code lookup} reads before it gets a Secret: the core group with
 * its secrets. The mock API server serves no discovery of its own, and matches expectations with
 * their query string: client-go asks with {@code ?timeout=32s}.
 */
final class CoreDiscovery {

  private CoreDiscovery() {}

  private static final String QUERY = "?timeout=32s";

  static void serve(KubernetesMockServer server) {
    for (String query : new String[] {"", QUERY}) {
      serve(server, query);
    }
  }

  private static void serve(KubernetesMockServer server, String query) {
    server
        .expect()
        .get()
        .withPath("/api" + query)
        .andReturn(200, new APIVersionsBuilder().withVersions("v1").build())
        .always();
    server
        .expect()
        .get()
        .withPath("/apis" + query)
        .andReturn(200, new APIGroupListBuilder().build())
        .always();
    server
        .expect()
        .get()
        .withPath("/api/v1" + query)
        .andReturn(
            200,
            new APIResourceListBuilder()
                .withGroupVersion("v1")
                .addNewResource()
                .withName("secrets")
                .withSingularName("secret")
                .withNamespaced(true)
                .withKind("Secret")
                .withVerbs("get", "list", "watch", "create", "update", "patch", "delete")
                .endResource()
                .build())
        .always();
  }
}
