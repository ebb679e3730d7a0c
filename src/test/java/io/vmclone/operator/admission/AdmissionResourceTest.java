package io.vmclone.operator.admission;

import static io.vmclone.operator.admission.ReviewDocuments.ALICE;
import static io.vmclone.operator.admission.ReviewDocuments.cloneObject;
import static io.vmclone.operator.admission.ReviewDocuments.create;
import static io.vmclone.operator.admission.ReviewDocuments.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** Whatever a rule does, the API server gets an AdmissionReview back: a denial, never a 500. */
class AdmissionResourceTest {

  @Test
  void aRuleThatOverflowsTheStackIsAClearDenial() throws Exception {
    AdmissionResource resource = new AdmissionResource(new FailingValidator());

    Response response = resource.validate(create(ALICE, cloneObject("deep")).toString());

    assertThat(response.getStatus()).isEqualTo(200);
    JsonNode answer = ReviewDocuments.JSON.readTree((String) response.getEntity());
    assertThat(answer.at("/response/allowed").asBoolean(true)).isFalse();
    assertThat(answer.at("/response/status/code").asInt()).isEqualTo(400);
    assertThat(answer.at("/response/status/message").asText())
        .isEqualTo(
            "the vmclone admission webhook could not review this request (StackOverflowError);"
                + " see the operator's log");
  }

  @Test
  void aPointerOfFiveThousandCharactersIsDeniedAsInvalid() throws Exception {
    AdmissionResource resource = new AdmissionResource(new CloneValidator());
    ObjectNode clone = cloneObject("long-pointer");
    String patch = "{\"op\":\"remove\",\"path\":\"/" + "a".repeat(5_000) + "\"}";
    spec(clone).putArray("patches").add(patch);

    Response response = resource.validate(create(ALICE, clone).toString());

    assertThat(response.getStatus()).isEqualTo(200);
    JsonNode answer = ReviewDocuments.JSON.readTree((String) response.getEntity());
    assertThat(answer.at("/response/allowed").asBoolean(true)).isFalse();
    assertThat(answer.at("/response/status/code").asInt()).isEqualTo(422);
    assertThat(answer.at("/response/status/message").asText())
        .contains("spec.patches[0]: is " + patch.length() + " characters long, more than 4096");
  }

  /** A validator whose rule recurses without end on every review. */
  private static final class FailingValidator extends CloneValidator {
    @Override
    Verdict review(CloneReview review) {
      throw new StackOverflowError();
    }
  }
}
