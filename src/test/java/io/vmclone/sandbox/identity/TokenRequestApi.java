package io.vmclone.sandbox.identity;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.authentication.BoundObjectReference;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestSpec;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestStatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vmclone.sandbox.MockApi;
import io.vmclone.sandbox.front.UserInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/namespaces/NS/serviceaccounts/NAME/token}: a new token for a ServiceAccount
 * that exists (in the policy and the API server), optionally bound to a Secret or Pod of its
 * namespace, which must exist; its lifetime as {@link ServiceAccountTokens#lifetime} says.
 */
final class TokenRequestApi implements MockApi {

  private static final Pattern PATH =
      Pattern.compile("/api/v1/namespaces/([^/]+)/serviceaccounts/([^/]+)/token");
  private static final Set<String> BINDABLE = Set.of("Secret", "Pod");

  private final ServiceAccountTokens tokens;
  private final ServiceAccounts accounts;
  private final Clock clock;

  TokenRequestApi(ServiceAccountTokens tokens, ServiceAccounts accounts, Clock clock) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.clock = clock;
  }

  @Override
  public boolean answers(String method, String path) {
    return method.equals("POST") && PATH.matcher(path).matches();
  }

  @Override
  public MockResponse answer(RecordedRequest request) {
    Matcher path = PATH.matcher(request.getPath().split("\\?", 2)[0]);
    path.matches();
    String namespace = path.group(1);
    String name = path.group(2);
    TokenRequest tokenRequest;
    try {
      tokenRequest = Serialization.unmarshal(request.getUtf8Body(), TokenRequest.class);
    } catch (RuntimeException unreadable) {
      return ApiAnswers.failure(400, "BadRequest", "not a TokenRequest");
    }
    Optional<UserInfo> account = accounts.active(namespace, name);
    if (account.isEmpty()) {
      return ApiAnswers.failure(404, "NotFound", "serviceaccounts \"" + name + "\" not found");
    }
    TokenRequestSpec spec =
        tokenRequest.getSpec() == null ? new TokenRequestSpec() : tokenRequest.getSpec();
    Duration lifetime;
    try {
      lifetime = ServiceAccountTokens.lifetime(spec.getExpirationSeconds());
    } catch (IllegalArgumentException invalid) {
      return ApiAnswers.failure(422, "Invalid", invalid.getMessage());
    }
    Optional<ServiceAccountTokens.BoundObject> bound = boundObject(spec.getBoundObjectRef());
    Optional<MockResponse> refused = refuseBinding(namespace, spec.getBoundObjectRef(), bound);
    if (refused.isPresent()) {
      return refused.get();
    }
    List<String> audiences = spec.getAudiences() == null ? List.of() : spec.getAudiences();
    ServiceAccountTokens.Grant grant =
        tokens.issue(namespace, name, account.get().uid(), audiences, lifetime, bound);
    spec.setExpirationSeconds(lifetime.toSeconds());
    tokenRequest.setSpec(spec);
    tokenRequest.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace)
            .withCreationTimestamp(seconds(clock.instant()))
            .build());
    tokenRequest.setStatus(
        new TokenRequestStatusBuilder()
            .withToken(grant.token())
            .withExpirationTimestamp(seconds(grant.expires()))
            .build());
    return ApiAnswers.json(201, tokenRequest);
  }

  private static String seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static Optional<ServiceAccountTokens.BoundObject> boundObject(BoundObjectReference ref) {
    if (ref == null) {
      return Optional.empty();
    }
    return Optional.of(
        new ServiceAccountTokens.BoundObject(
            ref.getKind() == null ? "" : ref.getKind(),
            ref.getName() == null ? "" : ref.getName(),
            ref.getUid() == null ? "" : ref.getUid()));
  }

  private Optional<MockResponse> refuseBinding(
      String namespace,
      BoundObjectReference ref,
      Optional<ServiceAccountTokens.BoundObject> bound) {
    if (bound.isEmpty()) {
      return Optional.empty();
    }
    if (!BINDABLE.contains(bound.get().kind()) || !"v1".equals(ref.getApiVersion())) {
      return Optional.of(
          ApiAnswers.failure(
              400,
              "BadRequest",
              "cannot bind token for object of kind "
                  + bound.get().kind()
                  + " (only v1 Secret and Pod)"));
    }
    return accounts
        .boundObjectProblem(namespace, bound.get())
        .map(problem -> ApiAnswers.failure(404, "NotFound", problem));
  }
}
