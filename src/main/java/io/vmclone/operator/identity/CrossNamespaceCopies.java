package io.vmclone.operator.identity;

import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.config.OperatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Whether the operator can have a clone's disks copied across namespaces for its requester. CDI
 * admits a DataVolume that clones from another namespace only if whoever creates it may create
 * {@code datavolumes/source} there, and the operator holds that right nowhere (a cluster-wide grant
 * would let it copy any namespace's disks for anyone: a confused deputy). So such copies are
 * created as the requester: with a ServiceAccount's preserved token, or impersonating a person when
 * {@code vmclone.identity.impersonate-users} is on. A person's clone across namespaces with
 * impersonation off has no identity to create its copies with and is refused before any side
 * effect. Copies within one namespace are not checked by CDI and need nothing.
 */
@ApplicationScoped
public class CrossNamespaceCopies {

  private final boolean impersonateUsers;

  @Inject
  public CrossNamespaceCopies(OperatorConfig config) {
    this(config.identity().impersonateUsers());
  }

  public CrossNamespaceCopies(boolean impersonateUsers) {
    this.impersonateUsers = impersonateUsers;
  }

  /**
   * Why the disks of a clone in {@code cloneNamespace} with this spec cannot be copied for the
   * requester; empty when they can.
   */
  public Optional<String> refusal(
      RequesterIdentity requester, VirtualMachineCloneSpec spec, String cloneNamespace) {
    String source = spec.sourceNamespaceIn(cloneNamespace);
    String target = spec.targetNamespaceIn(cloneNamespace);
    if (source.equals(target) || impersonateUsers || requester.serviceAccount().isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        "copying disks from namespace "
            + source
            + " into "
            + target
            + " needs the DataVolumes created as "
            + requester.username()
            + " (CDI checks datavolumes/source in "
            + source
            + " as whoever creates them), and the operator acts as people only by impersonation,"
            + " which is off: set vmclone.identity.impersonate-users=true (chart value"
            + " identity.impersonateUsers), or clone within one namespace");
  }
}
