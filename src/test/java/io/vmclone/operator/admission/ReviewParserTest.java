package io.vmclone.operator.admission;

import static io.vmclone.operator.admission.ReviewDocuments.ALICE;
import static io.vmclone.operator.admission.ReviewDocuments.cloneObject;
import static io.vmclone.operator.admission.ReviewDocuments.create;
import static io.vmclone.operator.admission.ReviewDocuments.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ReviewParserTest {

  @Test
  void readsTheRequestOfACreate() {
    ObjectNode document = create(ALICE, cloneObject("copy"));

    CloneReview review = ReviewParser.parse(document.toString());

    assertThat(review.uid()).isEqualTo(ReviewDocuments.uid(document));
    assertThat(review.operation()).isEqualTo(Operation.CREATE);
    assertThat(review.namespace()).isEqualTo(ReviewDocuments.NAMESPACE);
    assertThat(review.user()).contains(ALICE);
    assertThat(review.name()).isEqualTo("copy");
    assertThat(review.object()).isEqualTo(cloneObject("copy"));
    assertThat(review.oldObject().isMissingNode()).isTrue();
  }

  @Test
  void takesTheNamespaceFromTheObjectWhenTheRequestHasNone() {
    ObjectNode document = create(ALICE, cloneObject("copy"));
    ((ObjectNode) document.get("request")).remove("namespace");

    assertThat(ReviewParser.parse(document.toString()).namespace())
        .isEqualTo(ReviewDocuments.NAMESPACE);
  }

  @Test
  void aReviewWithoutUserInfoHasNoUser() {
    ObjectNode document = create(ALICE, cloneObject("copy"));
    ((ObjectNode) document.get("request")).remove("userInfo");

    assertThat(ReviewParser.parse(document.toString()).user()).isEmpty();
  }

  @Test
  void refusesABodyThatIsNotJson() {
    assertThatThrownBy(() -> ReviewParser.parse("{not json"))
        .isInstanceOf(MalformedReviewException.class)
        .hasMessageStartingWith("the body is not valid JSON");
    assertThatThrownBy(() -> ReviewParser.parse("[1, 2]"))
        .hasMessage("the body is not a JSON object");
    assertThatThrownBy(() -> ReviewParser.parse("")).isInstanceOf(MalformedReviewException.class);
  }

  @Test
  void refusesAnotherApiVersion() {
    ObjectNode document = create(ALICE, cloneObject("copy"));
    document.put("apiVersion", "admission.k8s.io/v1beta1");

    assertThatThrownBy(() -> ReviewParser.parse(document.toString()))
        .hasMessage("apiVersion is \"admission.k8s.io/v1beta1\", expected \"admission.k8s.io/v1\"");
  }

  @Test
  void refusesAReviewWithoutRequestOrUid() {
    ObjectNode noRequest = create(ALICE, cloneObject("copy"));
    noRequest.remove("request");
    ObjectNode noUid = create(ALICE, cloneObject("copy"));
    ((ObjectNode) noUid.get("request")).remove("uid");

    assertThatThrownBy(() -> ReviewParser.parse(noRequest.toString()))
        .hasMessage("the AdmissionReview has no request object");
    assertThatThrownBy(() -> ReviewParser.parse(noUid.toString()))
        .hasMessage("request.uid is missing");
  }

  @Test
  void refusesAReviewOfAnotherKind() {
    ObjectNode document = create(ALICE, cloneObject("copy"));
    ((ObjectNode) document.at("/request/kind")).put("group", "apps").put("kind", "Deployment");

    assertThatThrownBy(() -> ReviewParser.parse(document.toString()))
        .hasMessage("this webhook reviews vmclone.io VirtualMachineClones, not apps/Deployment");
  }

  @Test
  void refusesAnUnknownOperation() {
    ObjectNode document = create(ALICE, cloneObject("copy"));
    ((ObjectNode) document.get("request")).put("operation", "PATCH");

    assertThatThrownBy(() -> ReviewParser.parse(document.toString()))
        .hasMessageContaining("request.operation \"PATCH\" is none of");
  }

  @Test
  void anUpdateNeedsBothObjects() {
    ObjectNode document = update(ALICE, cloneObject("copy"), cloneObject("copy"));
    ((ObjectNode) document.get("request")).remove("oldObject");

    assertThatThrownBy(() -> ReviewParser.parse(document.toString()))
        .hasMessage("request.oldObject is missing or not a JSON object");
  }

  @Test
  void refusesARequestWhoseFieldsHaveTheWrongTypes() {
    ObjectNode document = create(ALICE, cloneObject("copy"));
    ((ObjectNode) document.get("request")).putArray("userInfo").add(1);

    assertThatThrownBy(() -> ReviewParser.parse(document.toString()))
        .isInstanceOf(MalformedReviewException.class)
        .hasMessageStartingWith("the request does not fit admission.k8s.io/v1");
  }
}
