package io.vmclone.operator.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.spec.SpecError;
import io.vmclone.operator.spec.SpecValidator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The validating webhook's rules for a CREATE that need no API call: the spec reads as a clone's
 * spec and passes {@link SpecValidator}. Whether the requester annotations name the user who sends
 * the request is the API server's requester policy's rule ({@code k8s/requester-policy.yaml}): it
 * runs after every mutating webhook and cannot be missing while the operator trusts it.
 */
final class CreateRules {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private CreateRules() {}

  /** The denial of the review's spec or annotation; empty when both are fine. */
  static Optional<Verdict> check(CloneReview review) {
    List<SpecError> errors = specErrors(review.object());
    if (!errors.isEmpty()) {
      return Optional.of(Verdict.invalid(invalidMessage(review.name(), errors), errors));
    }
    return Optional.empty();
  }

  /** Every problem of the object's spec, including a value that does not fit the spec's types. */
  static List<SpecError> specErrors(JsonNode object) {
    JsonNode spec = object.path("spec");
    if (spec.isMissingNode() || spec.isNull()) {
      return SpecValidator.validate(null);
    }
    try {
      return SpecValidator.validate(MAPPER.treeToValue(spec, VirtualMachineCloneSpec.class));
    } catch (JsonProcessingException e) {
      return List.of(new SpecError(field(e), "does not fit the schema: " + e.getOriginalMessage()));
    }
  }

  /** {@code VirtualMachineClone "web-copy" is invalid: spec.a: ...; spec.b: ...}. */
  static String invalidMessage(String name, List<SpecError> errors) {
    String subject =
        name.isEmpty() ? "the VirtualMachineClone" : "VirtualMachineClone \"" + name + "\"";
    return subject
        + " is invalid: "
        + errors.stream().map(SpecError::toString).collect(Collectors.joining("; "));
  }

  /** The path Jackson stopped at, as {@code spec.source.kind} or {@code spec.patches[2]}. */
  private static String field(JsonProcessingException e) {
    StringBuilder field = new StringBuilder("spec");
    if (e instanceof JsonMappingException mapping) {
      for (JsonMappingException.Reference ref : mapping.getPath()) {
        if (ref.getFieldName() != null) {
          field.append('.').append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          field.append('[').append(ref.getIndex()).append(']');
        }
      }
    }
    return field.toString();
  }
}
