package io.vmclone.operator.journal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The source a task's requested spec names, as the journal reads it (the journal knows the spec
 * only as the JSON it stores).
 *
 * @param kind VirtualMachine or VirtualMachineSnapshot (VirtualMachine when the spec says none)
 * @param namespace the source's namespace (empty: the clone's)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record RequestedSource(String kind, String namespace, String name) {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The spec's part this record is read from. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Spec(RequestedSource source) {}

  /** The source of the task's spec, as a shared lock on it. */
  static EntityLock of(TaskRecord task) {
    Spec spec =
        task.requestedSpec() == null ? null : MAPPER.convertValue(task.requestedSpec(), Spec.class);
    RequestedSource source =
        spec == null || spec.source() == null
            ? new RequestedSource(null, null, null)
            : spec.source();
    return new EntityLock(
        source.kind() == null ? "VirtualMachine" : source.kind(),
        source.namespace() == null || source.namespace().isEmpty()
            ? task.cloneNamespace()
            : source.namespace(),
        source.name() == null ? "" : source.name(),
        EntityLock.Mode.SHARED,
        null);
  }
}
