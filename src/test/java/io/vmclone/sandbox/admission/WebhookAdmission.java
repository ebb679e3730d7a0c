package io.vmclone.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.sandbox.front.AdmissionHook;
import io.vmclone.sandbox.front.FrontRequest;
import io.vmclone.sandbox.front.JsonPatch;
import io.vmclone.sandbox.front.ResourcePath;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The operator's admission webhooks, called as a real API server calls them for a
 * VirtualMachineClone, registered as DESIGN section 5 has them: the mutating webhook on CREATE (its
 * JSONPatch is applied), then the validating one on CREATE and UPDATE with the mutated object, each
 * with the userInfo of the request and, on UPDATE, the stored object as {@code oldObject}. A denial
 * is answered with the webhook's code and the API server's wording; when no replica answers, the
 * write fails closed (failurePolicy Fail).
 */
public final class WebhookAdmission implements AdmissionHook {

  /** The name the API server gives the webhook in its messages. */
  public static final String NAME = "clone.vmclone.io";

  static final String MUTATE_PATH = "/admission/mutate-clone";
  static final String VALIDATE_PATH = "/admission/validate-clone";
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Reads the stored object at an API path (the {@code oldObject} of an UPDATE). */
  @FunctionalInterface
  public interface StoredObjects {
    Optional<JsonNode> get(String apiPath);
  }

  private final WebhookCaller caller;
  private final StoredObjects stored;

  WebhookAdmission(WebhookCaller caller, StoredObjects stored) {
    this.caller = caller;
    this.stored = stored;
  }

  /** Webhooks served by these operator replicas (base URLs, tried in this order). */
  public static WebhookAdmission of(List<URI> replicas, StoredObjects stored) {
    return new WebhookAdmission(new WebhookCaller(replicas, TIMEOUT), stored);
  }

  @Override
  public Outcome review(ResourcePath path, FrontRequest request) {
    Optional<String> operation = operation(path, request);
    if (operation.isEmpty()) {
      return new Allowed(request);
    }
    JsonNode object;
    try {
      object = MAPPER.readTree(request.body());
    } catch (IOException notJson) {
      return new Denied(400, "BadRequest", "the request body is not JSON");
    }
    if (!(object instanceof ObjectNode)) {
      return new Denied(400, "BadRequest", "the request body is not an object");
    }
    if (path.namespace() != null && !object.path("metadata").has("namespace")) {
      ((ObjectNode) object.path("metadata")).put("namespace", path.namespace());
    }
    JsonNode oldObject =
        operation.get().equals("UPDATE") ? stored.get(request.path()).orElse(null) : null;
    try {
      return admit(path, request, operation.get(), object, oldObject);
    } catch (WebhookUnavailable failure) {
      return new Denied(
          500,
          "InternalError",
          "Internal error occurred: failed calling webhook \""
              + NAME
              + "\": "
              + failure.getMessage());
    }
  }

  private Outcome admit(
      ResourcePath path,
      FrontRequest request,
      String operation,
      JsonNode object,
      JsonNode oldObject)
      throws WebhookUnavailable {
    JsonNode mutated = object;
    // The mutating webhook is registered for CREATE only: it stamps the requester once.
    if (operation.equals("CREATE")) {
      AdmissionReviews.Verdict mutation =
          ask(MUTATE_PATH, path, request, operation, object, oldObject);
      if (!mutation.allowed()) {
        return denied(mutation);
      }
      mutated = patched(object, mutation);
    }
    AdmissionReviews.Verdict validation =
        ask(VALIDATE_PATH, path, request, operation, mutated, oldObject);
    if (!validation.allowed()) {
      return denied(validation);
    }
    try {
      return new Allowed(request.withBody("application/json", MAPPER.writeValueAsBytes(mutated)));
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static JsonNode patched(JsonNode object, AdmissionReviews.Verdict mutation)
      throws WebhookUnavailable {
    if (mutation.patch().isEmpty()) {
      return object;
    }
    try {
      return JsonPatch.apply(object, mutation.patch().get());
    } catch (IllegalArgumentException doesNotApply) {
      throw new WebhookUnavailable(
          "the webhook's patch does not apply: " + doesNotApply.getMessage());
    }
  }

  private AdmissionReviews.Verdict ask(
      String webhookPath,
      ResourcePath path,
      FrontRequest request,
      String operation,
      JsonNode object,
      JsonNode oldObject)
      throws WebhookUnavailable {
    String uid = UUID.randomUUID().toString();
    AdmissionReviews.Subject subject =
        new AdmissionReviews.Subject(uid, path, operation, request.user(), object, oldObject);
    return AdmissionReviews.verdict(
        caller.call(webhookPath, AdmissionReviews.request(subject)), uid);
  }

  /** As kube-apiserver words a webhook's rejection, with the webhook's code (at least 400). */
  private static Denied denied(AdmissionReviews.Verdict verdict) {
    String deniedBy = "admission webhook \"" + NAME + "\" denied the request";
    String message =
        !verdict.message().isEmpty()
            ? deniedBy + ": " + verdict.message()
            : !verdict.reason().isEmpty()
                ? deniedBy + ": " + verdict.reason()
                : deniedBy + " without explanation";
    int code = verdict.code() < 400 ? 400 : verdict.code();
    return new Denied(code, verdict.reason(), message);
  }

  /** CREATE or UPDATE of a VirtualMachineClone itself (not its status); empty otherwise. */
  private static Optional<String> operation(ResourcePath path, FrontRequest request) {
    if (!path.group().equals("vmclone.io")
        || !path.plural().equals("virtualmachineclones")
        || path.subresource() != null) {
      return Optional.empty();
    }
    if (request.method().equals("POST") && path.name() == null) {
      return Optional.of("CREATE");
    }
    if (request.method().equals("PUT") && path.name() != null) {
      return Optional.of("UPDATE");
    }
    return Optional.empty();
  }
}
