package io.vmclone.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vmclone.operator.spec.SpecError;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewWriterTest {

  @Test
  void anAllowedReviewEchoesTheUidAndCarriesNoStatus() throws Exception {
    JsonNode review = read(ReviewWriter.response("uid-1", Verdict.allow()));

    assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
    assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
    assertThat(review.at("/response/uid").asText()).isEqualTo("uid-1");
    assertThat(review.at("/response/allowed").asBoolean()).isTrue();
    assertThat(review.at("/response/status").isMissingNode()).isTrue();
    assertThat(review.at("/response/patch").isMissingNode()).isTrue();
  }

  @Test
  void aPatchIsBase64EncodedJsonPatch() throws Exception {
    ArrayNode patch = ReviewDocuments.JSON.createArrayNode();
    patch.addObject().put("op", "add").put("path", "/metadata/labels").putObject("value");

    JsonNode review = read(ReviewWriter.response("uid-2", Verdict.allowWith(patch)));

    assertThat(review.at("/response/patchType").asText()).isEqualTo("JSONPatch");
    byte[] decoded = Base64.getDecoder().decode(review.at("/response/patch").asText());
    assertThat(ReviewDocuments.JSON.readTree(decoded)).isEqualTo(patch);
  }

  @Test
  void aDenialCarriesCodeReasonMessageAndFieldCauses() throws Exception {
    Verdict verdict =
        Verdict.invalid("bad spec", List.of(new SpecError("spec.policy.timeout", "is not a time")));

    JsonNode response = read(ReviewWriter.response("uid-3", verdict)).path("response");

    assertThat(response.path("uid").asText()).isEqualTo("uid-3");
    assertThat(response.path("allowed").asBoolean(true)).isFalse();
    assertThat(response.at("/status/code").asInt()).isEqualTo(422);
    assertThat(response.at("/status/reason").asText()).isEqualTo("Invalid");
    assertThat(response.at("/status/message").asText()).isEqualTo("bad spec");
    assertThat(response.at("/status/details/causes/0/field").asText())
        .isEqualTo("spec.policy.timeout");
    assertThat(response.at("/status/details/causes/0/reason").asText())
        .isEqualTo("FieldValueInvalid");
  }

  @Test
  void aBadRequestIsAStatus() throws Exception {
    JsonNode status = read(ReviewWriter.badRequest("the body is not a JSON object"));

    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("code").asInt()).isEqualTo(400);
    assertThat(status.path("reason").asText()).isEqualTo("BadRequest");
    assertThat(status.path("message").asText()).isEqualTo("the body is not a JSON object");
  }

  private static JsonNode read(String json) throws Exception {
    return ReviewDocuments.JSON.readTree(json);
  }
}
