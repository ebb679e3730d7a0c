package io.vmclone.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A request to clone one virtual machine (or VM snapshot) into a new virtual machine.
 *
 * <p>The spec is immutable once the clone exists (CEL rule on the CRD, enforced again by the
 * operator, which always works from the spec it recorded when the clone started). The status is a
 * projection of the clone's journal in PostgreSQL.
 */
@Group(VirtualMachineClone.GROUP)
@Version(VirtualMachineClone.VERSION)
@Plural("virtualmachineclones")
@Singular("virtualmachineclone")
@ShortNames({"vmclone", "vmclones", "vmc"})
@Categories("all")
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Step",
    jsonPath = ".status.currentStep",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Progress",
    jsonPath = ".status.progress",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Source",
    jsonPath = ".spec.source.name",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Target",
    jsonPath = ".status.targetName",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Restarts",
    jsonPath = ".status.restarts",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class VirtualMachineClone
    extends CustomResource<VirtualMachineCloneSpec, VirtualMachineCloneStatus>
    implements Namespaced {

  public static final String GROUP = "vmclone.io";
  public static final String VERSION = "v1alpha1";

  // Overridden only to document the two fields in the generated CRD.
  @Override
  @JsonPropertyDescription(
      "What to clone, where to, and how: KubeVirt's clone.kubevirt.io/v1beta1 spec with this"
          + " operator's additions. Immutable once the clone exists.")
  public VirtualMachineCloneSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "How the clone goes, written by the operator from its journal: phase, conditions, the"
          + " target's name and what the clone created.")
  public VirtualMachineCloneStatus getStatus() {
    return super.getStatus();
  }
}
