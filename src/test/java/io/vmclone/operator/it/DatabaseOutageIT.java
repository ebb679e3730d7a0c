package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.testing.ProxiedPostgresResource;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing runs without the journal, the clone says why, and it resumes when the database is back.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, https = false, setup = ClusterSetup.class)
@QuarkusTestResource(value = ProxiedPostgresResource.class, restrictToAnnotatedClass = true)
class DatabaseOutageIT extends OperatorIT {

  @AfterEach
  void reconnect() {
    ProxiedPostgresResource.proxy().restore();
  }

  @Test
  void anUnreachableDatabaseIsReportedAndTheCloneResumesWhenItIsBack() {
    String source = unique("web");
    createVm(source);
    ProxiedPostgresResource.proxy().cut();
    String name = unique("clone");
    createClone(name, source);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              VirtualMachineClone clone = clone(name);
              return clone.getStatus() != null
                  && "DatabaseUnavailable".equals(reason(clone, "Progressing"));
            });
    assertThat(events(name))
        .anyMatch(
            e -> "DatabaseUnavailable".equals(e.getReason()) && "Warning".equals(e.getType()));
    assertThat(labelled(SNAPSHOT, "any")).isEmpty();

    ProxiedPostgresResource.proxy().restore();
    VirtualMachineClone done = awaitPhase(name, ClonePhase.Succeeded);
    assertThat(taskState(done.getStatus().getTaskId())).isEqualTo("SUCCESS/COMMITTED");
  }
}
