package io.vmclone.operator.admission;

import static io.vmclone.operator.admission.ReviewDocuments.ALICE;
import static io.vmclone.operator.admission.ReviewDocuments.cloneObject;
import static io.vmclone.operator.admission.ReviewDocuments.create;
import static io.vmclone.operator.admission.ReviewDocuments.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.spec.SpecError;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreateRulesTest {

  @Test
  void admitsAValidCloneWithoutAnnotation() {
    assertThat(CreateRules.check(review(cloneObject("copy")))).isEmpty();
  }

  @Test
  void namesEveryInvalidFieldInOneMessage() {
    ObjectNode object = cloneObject("copy");
    spec(object).putArray("labelFilters").add("a*b");
    spec(object).putObject("policy").put("timeout", "soon");

    Verdict.Denied denied = (Verdict.Denied) CreateRules.check(review(object)).orElseThrow();

    assertThat(denied.code()).isEqualTo(422);
    assertThat(denied.reason()).isEqualTo("Invalid");
    assertThat(denied.causes())
        .extracting(SpecError::field)
        .containsExactly("spec.labelFilters[0]", "spec.policy.timeout");
    assertThat(denied.message())
        .startsWith("VirtualMachineClone \"copy\" is invalid: spec.labelFilters[0]: ")
        .contains("; spec.policy.timeout: ");
  }

  @Test
  void aValueThatDoesNotFitTheSchemaIsAFieldError() {
    ObjectNode object = cloneObject("copy");
    ((ObjectNode) spec(object).get("source")).put("kind", "Pod");

    assertThat(CreateRules.specErrors(object))
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("spec.source.kind");
              assertThat(error.message()).startsWith("does not fit the schema").contains("Pod");
            });
  }

  @Test
  void aCloneWithoutSpecIsInvalid() {
    ObjectNode object = cloneObject("copy");
    object.remove("spec");

    assertThat(CreateRules.specErrors(object))
        .extracting(SpecError::toString)
        .containsExactly("spec: is required");
  }

  @Test
  void aCloneWithoutNameIsNamedGenerically() {
    assertThat(CreateRules.invalidMessage("", List.of(new SpecError("spec.x", "is bad"))))
        .isEqualTo("the VirtualMachineClone is invalid: spec.x: is bad");
  }

  private static CloneReview review(ObjectNode object) {
    return ReviewParser.parse(create(ALICE, object).toString());
  }
}
