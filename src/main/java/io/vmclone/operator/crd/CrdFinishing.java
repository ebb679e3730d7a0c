package io.vmclone.operator.crd;

import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;

/**
 * The CRD generator's post-processor (the generator takes one): the printer columns in order
 * ({@link PrinterColumnOrder}) and the standard condition's fields documented ({@link
 * ConditionDescriptions}).
 */
public class CrdFinishing implements CRDPostProcessor {

  @Override
  public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
    HasMetadata ordered = new PrinterColumnOrder().process(crd, crdSpecVersion);
    if (ordered instanceof CustomResourceDefinition definition) {
      ConditionDescriptions.describe(definition);
    }
    return ordered;
  }
}
