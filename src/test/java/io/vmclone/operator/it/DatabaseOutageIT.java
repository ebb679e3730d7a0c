package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.testing.OperatorOnControlPlane;
import io.vmclone.testing.ProxiedPostgresResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing runs without the journal, the clone says why, and it resumes when the database is back.
 */
@QuarkusTest
@QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = ProxiedPostgresResource.class, restrictToAnnotatedClass = true)
class DatabaseOutageIT extends OperatorIT {

  @AfterEach
  void reconnect() {
    ProxiedPostgresResource.proxy().restore();
  }

  /** The management interface's {@code /q/health/} (its URL includes the root path {@code /q}). */
  @TestHTTPResource(value = "/health/", management = true)
  URI health;

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
    assertThat(health("ready")).as("readiness while the database is cut").isEqualTo(503);
    assertThat(health("live")).as("liveness while the database is cut").isEqualTo(200);

    ProxiedPostgresResource.proxy().restore();
    VirtualMachineClone done = awaitPhase(name, ClonePhase.Succeeded);
    assertThat(health("ready")).isEqualTo(200);
    assertThat(taskState(done.getStatus().getTaskId())).isEqualTo("SUCCESS/COMMITTED");
  }

  private int health(String check) {
    try {
      HttpResponse<Void> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(health.resolve(check)).build(),
                  HttpResponse.BodyHandlers.discarding());
      return response.statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
