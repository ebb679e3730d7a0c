package io.vmclone.operator.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.identity.RequesterIdentity;
import java.util.List;
import java.util.UUID;

/** AdmissionReview documents as an API server sends them, about VirtualMachineClones. */
final class ReviewDocuments {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String NAMESPACE = "team-a";
  static final RequesterIdentity ALICE =
      new RequesterIdentity("alice", "uid-alice", List.of("developers", "system:authenticated"));

  private ReviewDocuments() {}

  /** A valid clone of the VM {@code web} in {@value #NAMESPACE}, with no annotations. */
  static ObjectNode cloneObject(String name) {
    ObjectNode clone = JSON.createObjectNode();
    clone.put("apiVersion", "vmclone.io/v1alpha1").put("kind", "VirtualMachineClone");
    clone.putObject("metadata").put("name", name).put("namespace", NAMESPACE);
    clone.putObject("spec").putObject("source").put("kind", "VirtualMachine").put("name", "web");
    return clone;
  }

  static ObjectNode spec(ObjectNode clone) {
    return (ObjectNode) clone.get("spec");
  }

  static ObjectNode create(RequesterIdentity user, ObjectNode object) {
    return review("CREATE", user, object, null);
  }

  static ObjectNode update(RequesterIdentity user, ObjectNode oldObject, ObjectNode object) {
    return review("UPDATE", user, object, oldObject);
  }

  /** A review with a fresh uid; {@code object} or {@code oldObject} may be null. */
  static ObjectNode review(
      String operation, RequesterIdentity user, ObjectNode object, ObjectNode oldObject) {
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", UUID.randomUUID().toString());
    request
        .putObject("kind")
        .put("group", "vmclone.io")
        .put("version", "v1alpha1")
        .put("kind", "VirtualMachineClone");
    request
        .putObject("resource")
        .put("group", "vmclone.io")
        .put("version", "v1alpha1")
        .put("resource", "virtualmachineclones");
    request.put("namespace", NAMESPACE).put("operation", operation);
    ObjectNode userInfo = request.putObject("userInfo");
    userInfo.put("username", user.username()).put("uid", user.uid());
    user.groups().forEach(userInfo.putArray("groups")::add);
    if (!user.extra().isEmpty()) {
      ObjectNode extra = userInfo.putObject("extra");
      user.extra().forEach((key, values) -> values.forEach(extra.withArray(key)::add));
    }
    if (object != null) {
      request.set("object", object);
      request.put("name", object.path("metadata").path("name").asText());
    }
    if (oldObject != null) {
      request.set("oldObject", oldObject);
    }
    request.put("dryRun", false);
    return review;
  }

  static String uid(ObjectNode review) {
    return review.path("request").path("uid").asText();
  }
}
