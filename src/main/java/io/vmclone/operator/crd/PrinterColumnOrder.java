package io.vmclone.operator.crd;

import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.Comparator;
import java.util.List;

/**
 * Build-time step of the CRD generator: puts the printer columns in the order {@code kubectl get}
 * should show them (the generator sorts them by name).
 */
public class PrinterColumnOrder implements CRDPostProcessor {

  static final List<String> ORDER =
      List.of("Phase", "Step", "Progress", "Source", "Target", "Restarts", "Age");

  @Override
  public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
    if (crd instanceof CustomResourceDefinition definition) {
      definition
          .getSpec()
          .getVersions()
          .forEach(
              version -> {
                List<CustomResourceColumnDefinition> columns =
                    version.getAdditionalPrinterColumns();
                if (columns != null) {
                  columns.sort(Comparator.comparingInt(PrinterColumnOrder::rank));
                }
              });
    }
    return crd;
  }

  private static int rank(CustomResourceColumnDefinition column) {
    int index = ORDER.indexOf(column.getName());
    return index < 0 ? ORDER.size() : index;
  }
}
