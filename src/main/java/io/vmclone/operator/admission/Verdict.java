package io.vmclone.operator.admission;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vmclone.operator.spec.SpecError;
import java.util.List;
import java.util.Optional;

/**
 * A webhook's answer to one review, before it is written as an AdmissionReview response.
 *
 * <p>Denials use three codes, by what is wrong: {@value #INVALID} ({@code Invalid}) when the object
 * itself is wrong whoever sends it (a spec the rules refuse, a spec changed after creation, as the
 * API server answers for immutable fields); {@value #FORBIDDEN} ({@code Forbidden}) when this
 * sender may not do it (a requester annotation the client supplies or changes); {@value
 * #UNREVIEWABLE} ({@code BadRequest}) when the webhook could not review the request at all (a
 * failing rule). None is a 5xx: the API server passes the code on to the client, and a webhook's
 * failure is a refusal with a message, not a server error.
 */
sealed interface Verdict {

  int FORBIDDEN = 403;
  int INVALID = 422;
  int UNREVIEWABLE = 400;

  /** Admit the object, changed by {@code patch} (RFC 6902 operations) if present. */
  record Allowed(Optional<ArrayNode> patch) implements Verdict {}

  /**
   * Refuse the object.
   *
   * @param reason a Kubernetes {@code StatusReason}, e.g. {@code Forbidden}
   * @param message for the person who sent the request
   * @param causes one per field for invalid specs, else empty
   */
  record Denied(int code, String reason, String message, List<SpecError> causes)
      implements Verdict {
    public Denied {
      causes = List.copyOf(causes);
    }
  }

  static Verdict allow() {
    return new Allowed(Optional.empty());
  }

  static Verdict allowWith(ArrayNode patch) {
    return new Allowed(Optional.of(patch));
  }

  static Verdict forbidden(String message) {
    return new Denied(FORBIDDEN, "Forbidden", message, List.of());
  }

  static Verdict invalid(String message, List<SpecError> causes) {
    return new Denied(INVALID, "Invalid", message, causes);
  }

  static Verdict unreviewable(String message) {
    return new Denied(UNREVIEWABLE, "BadRequest", message, List.of());
  }
}
