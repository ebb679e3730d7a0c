package io.vmclone.operator.admission;

import static io.vmclone.operator.admission.ReviewDocuments.ALICE;
import static io.vmclone.operator.admission.ReviewDocuments.cloneObject;
import static io.vmclone.operator.admission.ReviewDocuments.create;
import static io.vmclone.operator.admission.ReviewDocuments.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.operator.identity.AccessReviewer;
import io.vmclone.operator.identity.RequesterIdentity;
import io.vmclone.operator.identity.Right;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the validating webhook answers when it cannot learn the requester's rights: the API server
 * it asks fails, so the clone is refused (fail closed) with a message that says so.
 */
class CloneValidatorTest {

  @Test
  void aFailingAccessReviewDeniesACrossNamespaceCloneAndSaysSo() {
    CloneValidator validator = new CloneValidator(new FailingReviewer(500));
    ObjectNode clone = cloneObject("cross-unknown");
    spec(clone).putObject("target").put("namespace", "prod");

    Verdict verdict = validator.review(ReviewParser.parse(create(ALICE, clone).toString()));

    assertThat(verdict).isInstanceOf(Verdict.Denied.class);
    Verdict.Denied denied = (Verdict.Denied) verdict;
    assertThat(denied.code()).isEqualTo(500);
    assertThat(denied.message())
        .isEqualTo(
            "could not check the rights of user alice (SubjectAccessReview failed with code"
                + " 500)");
  }

  @Test
  void aSameNamespaceCloneIsNotReviewed() {
    CloneValidator validator = new CloneValidator(new FailingReviewer(500));

    Verdict verdict =
        validator.review(ReviewParser.parse(create(ALICE, cloneObject("local")).toString()));

    assertThat(verdict).isInstanceOf(Verdict.Allowed.class);
  }

  /** An access reviewer whose API server answers every review with an error. */
  private static final class FailingReviewer extends AccessReviewer {
    private final int code;

    FailingReviewer(int code) {
      super(null);
      this.code = code;
    }

    @Override
    public Optional<String> firstDenied(RequesterIdentity requester, List<Right> rights) {
      throw new KubernetesClientException("the API server failed", code, null);
    }
  }
}
