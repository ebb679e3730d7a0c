package io.vmclone.operator.crd;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.Map;

/**
 * Build-time step of the CRD generator: documents the fields of {@code status.conditions[]}. They
 * are Kubernetes' standard condition ({@code io.fabric8.kubernetes.api.model.Condition}), a class
 * that carries no descriptions of its own, so {@code kubectl explain} would show them bare.
 */
final class ConditionDescriptions {

  static final Map<String, String> DESCRIPTIONS =
      Map.of(
          "type", "Ready, Progressing, Recovering or Blocked.",
          "status", "True, False or Unknown.",
          "reason",
              "Why the condition has its status: an UpperCamel constant (docs/troubleshooting.md"
                  + " lists them).",
          "message", "What happened, for people.",
          "lastTransitionTime", "When the status last changed (RFC 3339).",
          "observedGeneration", "The metadata.generation the condition was written for.");

  private ConditionDescriptions() {}

  /** Adds the descriptions to every version's {@code status.conditions[]} fields. */
  static void describe(CustomResourceDefinition crd) {
    crd.getSpec()
        .getVersions()
        .forEach(
            version -> {
              JSONSchemaProps status =
                  version.getSchema().getOpenAPIV3Schema().getProperties().get("status");
              JSONSchemaProps conditions =
                  status == null ? null : status.getProperties().get("conditions");
              if (conditions != null && conditions.getItems() != null) {
                JSONSchemaProps item = conditions.getItems().getSchema();
                item.getProperties()
                    .forEach(
                        (name, field) -> {
                          if (field.getDescription() == null) {
                            field.setDescription(DESCRIPTIONS.get(name));
                          }
                        });
              }
            });
  }
}
