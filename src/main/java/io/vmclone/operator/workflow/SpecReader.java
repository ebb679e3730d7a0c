package io.vmclone.operator.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.journal.TaskRecord;

/** Reads the spec a task was opened with. */
final class SpecReader {

  private SpecReader() {}

  static VirtualMachineCloneSpec read(ObjectMapper mapper, TaskRecord task) {
    try {
      return mapper.treeToValue(task.requestedSpec(), VirtualMachineCloneSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("task " + task.id() + " holds a spec that does not parse", e);
    }
  }
}
