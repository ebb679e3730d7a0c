package io.vmclone.operator.journal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
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
    return lock(spec == null ? null : spec.source(), task.cloneNamespace());
  }

  /** The source the spec's {@code source} field names (null: none), as a shared lock on it. */
  static EntityLock of(JsonNode sourceField, String cloneNamespace) {
    RequestedSource source =
        sourceField == null || !sourceField.isObject()
            ? null
            : MAPPER.convertValue(sourceField, RequestedSource.class);
    return lock(source, cloneNamespace);
  }

  private static EntityLock lock(RequestedSource named, String cloneNamespace) {
    RequestedSource source = named == null ? new RequestedSource(null, null, null) : named;
    return new EntityLock(
        source.kind() == null ? "VirtualMachine" : source.kind(),
        source.namespace() == null || source.namespace().isEmpty()
            ? cloneNamespace
            : source.namespace(),
        source.name() == null ? "" : source.name(),
        EntityLock.Mode.SHARED,
        null);
  }
}
