package io.vmclone.operator.admission;

import io.vmclone.operator.identity.RequesterIdentity;
import io.vmclone.operator.logging.LogText;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The admission webhooks for VirtualMachineClones, called by the API server with an {@code
 * admission.k8s.io/v1} AdmissionReview (see {@code k8s/webhooks.yaml}):
 *
 * <ul>
 *   <li>{@code POST /admission/mutate-clone}: stamps the requester on CREATE ({@link
 *       RequesterStamp});
 *   <li>{@code POST /admission/validate-clone}: spec rules on CREATE, immutability on UPDATE
 *       ({@link CloneValidator}).
 * </ul>
 *
 * A review is always answered with HTTP 200 and {@code response.uid} equal to {@code request.uid},
 * also when a rule fails in any way (an exception or an error such as a stack overflow): that is a
 * denial with code 400 and a message, never a 500. A body that is not a review gets 400 and a
 * {@code Status} saying why, never a stack trace.
 *
 * <p>These paths are served only on the HTTPS port ({@code quarkus.http.ssl-port}); the plain port
 * of the management interface serves health and metrics alone.
 */
@Path("/admission")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdmissionResource {

  private static final Logger LOG = Logger.getLogger(AdmissionResource.class);

  private final CloneValidator validator;

  AdmissionResource(CloneValidator validator) {
    this.validator = validator;
  }

  @POST
  @Path("mutate-clone")
  public Response mutate(String body) {
    return answer(body, "mutate-clone", RequesterStamp::review);
  }

  @POST
  @Path("validate-clone")
  public Response validate(String body) {
    return answer(body, "validate-clone", validator::review);
  }

  private Response answer(String body, String hook, Function<CloneReview, Verdict> webhook) {
    CloneReview review;
    try {
      review = ReviewParser.parse(body);
    } catch (MalformedReviewException e) {
      LOG.warnf(
          "%s: not an AdmissionReview this webhook can answer: %s",
          hook, LogText.escape(e.getMessage()));
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(ReviewWriter.badRequest(e.getMessage()))
          .build();
    }
    Verdict verdict = decide(review, hook, webhook);
    if (verdict instanceof Verdict.Denied denied) {
      LOG.infof(
          "%s: denied %s of VirtualMachineClone %s/%s by %s: %s",
          hook,
          review.operation(),
          LogText.escape(review.namespace()),
          LogText.escape(review.name()),
          LogText.escape(review.user().map(RequesterIdentity::username).orElse("(no user)")),
          LogText.escape(denied.message()));
    }
    return Response.ok(ReviewWriter.response(review.uid(), verdict)).build();
  }

  /**
   * A rule that fails must deny the request (the API server fails closed), not answer 500. Errors
   * are caught too: a rule that overflowed the stack on some input has unwound by the time the
   * error arrives here, and the request thread can still answer.
   */
  private static Verdict decide(
      CloneReview review, String hook, Function<CloneReview, Verdict> webhook) {
    try {
      return webhook.apply(review);
    } catch (Throwable e) {
      LOG.errorf(e, "%s: review %s failed", hook, LogText.escape(review.uid()));
      return Verdict.unreviewable(
          "the vmclone admission webhook could not review this request ("
              + e.getClass().getSimpleName()
              + "); see the operator's log");
    }
  }
}
