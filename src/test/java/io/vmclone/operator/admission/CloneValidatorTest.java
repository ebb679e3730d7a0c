package io.vmclone.operator.admission;

import static io.vmclone.operator.admission.ReviewDocuments.ALICE;
import static io.vmclone.operator.admission.ReviewDocuments.cloneObject;
import static io.vmclone.operator.admission.ReviewDocuments.create;
import static io.vmclone.operator.admission.ReviewDocuments.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.identity.RequesterIdentity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The validating webhook judges a clone by its own content: who the review says sends it changes
 * nothing (the webhook cannot tell the API server from another caller, so it must not reveal what
 * the named user may do).
 */
class CloneValidatorTest {

  private static final RequesterIdentity NOBODY =
      new RequesterIdentity("mallory", "uid-mallory", List.of("system:authenticated"));

  private final CloneValidator validator = new CloneValidator();

  @Test
  void aCrossNamespaceCloneIsAdmittedWhoeverTheReviewNames() {
    ObjectNode clone = cloneObject("cross");
    spec(clone)
        .putObject("source")
        .put("kind", "VirtualMachine")
        .put("name", "db")
        .put("namespace", "kube-system");
    spec(clone).putObject("target").put("namespace", "prod");

    assertThat(verdictFor(ALICE, clone)).isEqualTo(Verdict.allow());
    assertThat(verdictFor(NOBODY, clone)).isEqualTo(Verdict.allow());
  }

  @Test
  void anInvalidSpecGetsTheSameDenialWhoeverTheReviewNames() {
    ObjectNode clone = cloneObject("bad");
    spec(clone).putObject("target").put("namespace", "prod");
    spec(clone).putArray("labelFilters").add("a*b");

    Verdict forAlice = verdictFor(ALICE, clone);

    assertThat(forAlice).isInstanceOf(Verdict.Denied.class);
    assertThat(((Verdict.Denied) forAlice).code()).isEqualTo(Verdict.INVALID);
    assertThat(verdictFor(NOBODY, clone)).isEqualTo(forAlice);
  }

  private Verdict verdictFor(RequesterIdentity user, ObjectNode clone) {
    return validator.review(ReviewParser.parse(create(user, clone).toString()));
  }
}
