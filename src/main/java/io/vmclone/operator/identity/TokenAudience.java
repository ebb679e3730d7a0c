package io.vmclone.operator.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.operator.config.OperatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The audience a preserved token is minted for and reviewed against: {@code
 * vmclone.identity.token-audience}, or else the API server's issuer from its discovery document,
 * which kube-apiserver takes as its audience unless {@code --api-audiences} names others (then set
 * the setting). Naming it keeps the token from being accepted by anything that trusts the
 * ServiceAccount issuer for another audience. Read once, on first use.
 */
@ApplicationScoped
public class TokenAudience {

  static final String DISCOVERY = "/.well-known/openid-configuration";

  private final KubernetesClient client;
  private final ObjectMapper mapper;
  private final Optional<String> configured;
  private volatile String discovered;

  @Inject
  public TokenAudience(KubernetesClient client, ObjectMapper mapper, OperatorConfig config) {
    this(client, mapper, config.identity().tokenAudience());
  }

  public TokenAudience(KubernetesClient client, ObjectMapper mapper, Optional<String> configured) {
    this.client = client;
    this.mapper = mapper;
    this.configured = configured.filter(value -> !value.isBlank());
  }

  public String value() {
    if (configured.isPresent()) {
      return configured.get();
    }
    if (discovered == null) {
      discovered = discover();
    }
    return discovered;
  }

  private String discover() {
    String document = client.raw(DISCOVERY);
    try {
      String issuer =
          document == null ? null : mapper.readValue(document, IssuerDocument.class).issuer();
      if (issuer == null || issuer.isEmpty()) {
        throw new IllegalStateException(
            "the API server's "
                + DISCOVERY
                + " names no issuer; set vmclone.identity.token-audience");
      }
      return issuer;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the API server's " + DISCOVERY + " is not JSON", e);
    }
  }

  /** The part of the API server's OpenID discovery document read here. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record IssuerDocument(String issuer) {}
}
