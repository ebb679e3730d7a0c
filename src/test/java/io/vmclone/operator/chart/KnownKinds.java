package io.vmclone.operator.chart;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds the chart may render, and a strict reading of each: built-in kinds become their fabric8
 * model class with unknown fields refused (fabric8's models keep unknown fields in {@code
 * additionalProperties}; this mapper takes that escape away), CRD-defined kinds (cert-manager,
 * Prometheus operator) are checked for their apiVersion and the fields of their spec we use.
 */
final class KnownKinds {

  private static final Map<String, Class<? extends HasMetadata>> MODELS =
      Map.ofEntries(
          Map.entry("v1/Namespace", Namespace.class),
          Map.entry("v1/ServiceAccount", ServiceAccount.class),
          Map.entry("v1/Service", Service.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("apps/v1/StatefulSet", StatefulSet.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", ClusterRole.class),
          Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", ClusterRoleBinding.class),
          Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
          Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
          Map.entry(
              "admissionregistration.k8s.io/v1/MutatingWebhookConfiguration",
              MutatingWebhookConfiguration.class),
          Map.entry(
              "admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration",
              ValidatingWebhookConfiguration.class),
          Map.entry(
              "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy",
              ValidatingAdmissionPolicy.class),
          Map.entry(
              "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding",
              ValidatingAdmissionPolicyBinding.class),
          Map.entry(
              "apiextensions.k8s.io/v1/CustomResourceDefinition", CustomResourceDefinition.class));

  /** Kinds defined by CRDs of other projects: the spec fields this chart may set. */
  private static final Map<String, Set<String>> FOREIGN_SPECS =
      Map.of(
          "cert-manager.io/v1/Issuer", Set.of("selfSigned", "ca"),
          "cert-manager.io/v1/Certificate",
              Set.of(
                  "secretName",
                  "dnsNames",
                  "commonName",
                  "isCA",
                  "duration",
                  "renewBefore",
                  "privateKey",
                  "issuerRef"),
          "monitoring.coreos.com/v1/ServiceMonitor",
              Set.of("selector", "namespaceSelector", "endpoints"));

  private static final ObjectMapper STRICT = strictMapper();

  private KnownKinds() {}

  static Optional<Class<? extends HasMetadata>> modelOf(RenderedObject object) {
    return Optional.ofNullable(MODELS.get(key(object)));
  }

  /** Whether the object's apiVersion and kind are one the chart is expected to render. */
  static boolean isKnown(RenderedObject object) {
    return MODELS.containsKey(key(object)) || FOREIGN_SPECS.containsKey(key(object));
  }

  /** Reads a built-in object into its model class, failing on any field the model does not have. */
  static HasMetadata parse(RenderedObject object) {
    Class<? extends HasMetadata> model =
        modelOf(object).orElseThrow(() -> new AssertionError("not a built-in kind: " + object));
    try {
      return STRICT.treeToValue(object.tree(), model);
    } catch (Exception e) {
      throw new AssertionError(object + " is not a valid " + model.getSimpleName(), e);
    }
  }

  /** The spec fields of a CRD-defined object that this chart does not expect. */
  static Set<String> unexpectedSpecFields(RenderedObject object) {
    Set<String> allowed = FOREIGN_SPECS.getOrDefault(key(object), Set.of());
    Set<String> unexpected = new HashSet<>();
    object.tree().path("spec").fieldNames().forEachRemaining(unexpected::add);
    unexpected.removeAll(allowed);
    return unexpected;
  }

  static boolean isForeign(RenderedObject object) {
    return FOREIGN_SPECS.containsKey(key(object));
  }

  private static String key(RenderedObject object) {
    return object.apiVersion() + "/" + object.kind();
  }

  private static ObjectMapper strictMapper() {
    SimpleModule noAnySetter = new SimpleModule();
    noAnySetter.setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public BeanDeserializerBuilder updateBuilder(
              DeserializationConfig config,
              BeanDescription description,
              BeanDeserializerBuilder builder) {
            builder.setAnySetter(null);
            return builder;
          }
        });
    return new ObjectMapper()
        .registerModule(noAnySetter)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
