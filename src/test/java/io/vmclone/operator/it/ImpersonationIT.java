package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.identity.RequesterIdentity;
import io.vmclone.testing.PostgresResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** With impersonation switched on, a person's clone creates its VM impersonating them. */
@QuarkusTest
@TestProfile(ImpersonationIT.Impersonating.class)
@WithKubernetesTestServer(crud = true, https = false, setup = ClusterSetup.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class ImpersonationIT extends MockBackedIT {

  private static final RequesterIdentity ALICE =
      new RequesterIdentity("alice", "a11ce", List.of("developers", "system:authenticated"));

  @KubernetesTestServer KubernetesServer mockServer;

  /** The operator as the chart configures it with impersonation on. */
  public static class Impersonating implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("vmclone.identity.impersonate-users", "true");
    }
  }

  @Test
  void aPersonsTargetVmIsCreatedImpersonatingThem() throws InterruptedException {
    String source = unique("web");
    createVm(source);
    drainRequests();
    String name = unique("clone");
    createCloneAs(ALICE, name, source, spec -> {});

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Succeeded);

    assertThat(clone.getStatus().getRequester().getActingAs()).isEqualTo("Impersonation");
    List<RecordedRequest> impersonated =
        drainRequests().stream()
            .filter(r -> "POST".equals(r.getMethod()))
            .filter(
                r ->
                    r.getPath()
                        .startsWith("/apis/kubevirt.io/v1/namespaces/default/virtualmachines"))
            .filter(r -> "alice".equals(r.getHeader("Impersonate-User")))
            .toList();
    assertThat(impersonated)
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.getHeaders().headers("Impersonate-Group"))
                    .contains("developers", "system:authenticated"));
  }

  private List<RecordedRequest> drainRequests() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest request;
    while ((request = mockServer.getKubernetesMockServer().takeRequest(10, TimeUnit.MILLISECONDS))
        != null) {
      requests.add(request);
    }
    return requests;
  }
}
