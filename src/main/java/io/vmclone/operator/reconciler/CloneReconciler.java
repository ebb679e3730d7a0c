package io.vmclone.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.vmclone.operator.api.VirtualMachineClone;

/** Work in progress. */
@ControllerConfiguration(name = "virtualmachineclone")
public class CloneReconciler implements Reconciler<VirtualMachineClone> {

  @Override
  public UpdateControl<VirtualMachineClone> reconcile(
      VirtualMachineClone resource, Context<VirtualMachineClone> context) {
    return UpdateControl.noUpdate();
  }
}
