package io.vmclone.operator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.testing.TaskRecords;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestedSourceTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void aSourceWithoutKindOrNamespaceIsAVirtualMachineOfTheClonesNamespace() throws Exception {
    EntityLock lock = RequestedSource.of(task("{\"source\":{\"name\":\"web\"},\"other\":1}"));
    assertThat(lock)
        .isEqualTo(new EntityLock("VirtualMachine", "tenant", "web", EntityLock.Mode.SHARED, null));
  }

  @Test
  void aSnapshotInAnotherNamespaceIsNamedAsTheSpecSays() throws Exception {
    EntityLock lock =
        RequestedSource.of(
            task(
                "{\"source\":{\"kind\":\"VirtualMachineSnapshot\",\"namespace\":\"golden\","
                    + "\"name\":\"base\"}}"));
    assertThat(lock)
        .isEqualTo(
            new EntityLock(
                "VirtualMachineSnapshot", "golden", "base", EntityLock.Mode.SHARED, null));
  }

  private static TaskRecord task(String spec) throws Exception {
    return TaskRecords.task(UUID.randomUUID())
        .in("tenant", "uid")
        .spec(MAPPER.readTree(spec))
        .build();
  }
}
