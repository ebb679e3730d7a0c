package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vmclone.controlplane.AuditLog;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.testing.OperatorOnControlPlane;
import io.vmclone.testing.PostgresResource;
import io.vmclone.testing.TestControlPlane;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A clone waiting for its snapshot, its disk copies and its VM is woken by the operator's watch of
 * those objects, not by polling: with polls an hour apart, a clone (whose copy takes about a
 * second) still finishes, and the operator never GETs the objects it watches; of those it does not
 * watch, it reads what it must and no more.
 */
@QuarkusTest
@TestProfile(ChildWatchIT.HourlyPolls.class)
@QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class ChildWatchIT extends OperatorIT {

  private static final Set<String> WATCHED =
      Set.of("datavolumes", "virtualmachinesnapshots", "virtualmachines");

  /** A waiting clone is looked at again after an hour at the earliest unless something wakes it. */
  public static class HourlyPolls implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("vmclone.polling.running", "1h", "vmclone.polling.safety-net", "1h");
    }
  }

  @Test
  void aWaitingCloneIsWokenByItsObjectsChangesAndNeverGetsThem() {
    String source = unique("web");
    createVm(source, "Always", "datadisk");
    String name = unique("clone");
    long from = TestControlPlane.get().auditLog().end();

    createClone(name, source);
    String taskId = awaitPhase(name, ClonePhase.Succeeded).getStatus().getTaskId();

    List<AuditLog.Event> reads =
        TestControlPlane.operatorRequestsSince(
            from,
            e ->
                "get".equals(e.verb())
                    && WATCHED.contains(e.resource())
                    && !e.name().equals(source)
                    && !isTargetNameCheck(e, name));
    assertThat(reads)
        .as("GETs of the clone's own objects (task %s) by the operator", taskId)
        .isEmpty();
  }

  /**
   * What a clone of a VM reads that the watch cannot give it: the source VM twice (FlagEntities
   * reads it, and its finalizer goes onto that very version; Release reads it again to take the
   * finalizer off) and its snapshot's content once (remembered once ready). The VM's status is
   * settled first: a change by KubeVirt between the read and the finalizer would rightly cost a
   * read more.
   */
  @Test
  void aCloneReadsItsSourceVmTwiceAndItsSnapshotContentOnce() {
    String source = unique("db");
    createVm(source, "Halted", "datadisk");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> "Stopped".equals(statusOf(source).path("printableStatus").asText()));
    String name = unique("clone");
    long from = TestControlPlane.get().auditLog().end();

    createClone(name, source);
    awaitPhase(name, ClonePhase.Succeeded);

    List<AuditLog.Event> gets =
        TestControlPlane.operatorRequestsSince(
            from, e -> "get".equals(e.verb()) && namespace.equals(e.namespace()));
    assertThat(gets)
        .filteredOn(e -> "virtualmachines".equals(e.resource()) && source.equals(e.name()))
        .as("GETs of the source VM")
        .hasSize(2);
    assertThat(gets)
        .filteredOn(e -> "virtualmachinesnapshotcontents".equals(e.resource()))
        .as("GETs of the snapshot's content")
        .hasSize(1);
  }

  private JsonNode statusOf(String vm) {
    return client.getKubernetesSerialization().convertValue(vm(vm), JsonNode.class).path("status");
  }

  private boolean isTargetNameCheck(AuditLog.Event e, String clone) {
    String target = clone(clone).getStatus().getTargetName();
    return "virtualmachines".equals(e.resource()) && e.name().equals(target) && e.code() == 404;
  }
}
