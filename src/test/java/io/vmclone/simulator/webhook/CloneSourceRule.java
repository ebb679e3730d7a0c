package io.vmclone.simulator.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CDI's check of a new DataVolume that clones from another namespace ({@code spec.source.pvc} or
 * {@code spec.source.snapshot} with a namespace other than the DataVolume's): the user who creates
 * it (the request's userInfo: name, uid, groups, extra) must be allowed to {@code create} {@code
 * datavolumes/source} (group {@code cdi.kubevirt.io}) in the source namespace, which a
 * SubjectAccessReview asks the API server. Refused otherwise, with CDI's message. Same-namespace
 * sources and every other kind of source pass.
 *
 * <p>Real CDI also accepts an implicit right (creating pods in the source namespace, plus reading
 * the snapshot); the simulator checks only the explicit one, which is the one to grant.
 */
final class CloneSourceRule implements AdmissionRule {

  static final String PATH = "/cdi/datavolumes";
  static final String GROUP = "cdi.kubevirt.io";

  private final KubernetesClient reviewer;

  /**
   * @param reviewer a client allowed to create SubjectAccessReviews
   */
  CloneSourceRule(KubernetesClient reviewer) {
    this.reviewer = reviewer;
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public Verdict judge(JsonNode request) {
    String namespace = request.path("namespace").asText();
    JsonNode source = request.at("/object/spec/source");
    for (String kind : List.of("pvc", "snapshot")) {
      JsonNode reference = source.path(kind);
      String sourceNamespace = reference.path("namespace").asText("");
      if (!sourceNamespace.isEmpty() && !sourceNamespace.equals(namespace)) {
        return authorize(
            request.path("userInfo"), sourceNamespace, reference.path("name").asText());
      }
    }
    return Verdict.ALLOWED;
  }

  private Verdict authorize(JsonNode user, String sourceNamespace, String sourceName) {
    SubjectAccessReview review =
        new SubjectAccessReviewBuilder()
            .withNewSpec()
            .withUser(user.path("username").asText())
            .withUid(user.path("uid").asText(null))
            .withGroups(texts(user.path("groups")))
            .withExtra(extra(user.path("extra")))
            .withResourceAttributes(
                new ResourceAttributesBuilder()
                    .withNamespace(sourceNamespace)
                    .withVerb("create")
                    .withGroup(GROUP)
                    .withResource("datavolumes")
                    .withSubresource("source")
                    .withName(sourceName)
                    .build())
            .endSpec()
            .build();
    boolean allowed =
        reviewer.authorization().v1().subjectAccessReview().create(review).getStatus().getAllowed();
    if (allowed) {
      return Verdict.ALLOWED;
    }
    return Verdict.invalid(
        "Authorization failed, message is: User "
            + user.path("username").asText()
            + " has insufficient permissions in clone source namespace "
            + sourceNamespace);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static Map<String, List<String>> extra(JsonNode extra) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    extra.properties().forEach(entry -> values.put(entry.getKey(), texts(entry.getValue())));
    return values;
  }
}
