package io.vmclone.operator.it;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.controlplane.Binaries;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.identity.RequesterAnnotation;
import io.vmclone.testing.OperatorInstall;
import io.vmclone.testing.ProbeClone;
import io.vmclone.testing.RequesterPolicyProbe;
import java.time.Duration;
import java.util.Map;

/**
 * The chart's requester policy taken away for a while, as in a cluster where it was deleted (or
 * never applied): the API server then stores requester annotations as a client wrote them. Waits
 * until the API server admits a dry-run clone that claims another requester. Closing applies the
 * policy again and waits until the operator trusts clones created from then on.
 */
final class RequesterPolicyAbsent implements AutoCloseable {

  private static final String POLICY = RequesterPolicyProbe.POLICY;

  private final KubernetesClient admin;

  private RequesterPolicyAbsent(KubernetesClient admin) {
    this.admin = admin;
  }

  static RequesterPolicyAbsent remove(KubernetesClient admin, String namespace) {
    admin
        .admissionRegistration()
        .v1()
        .validatingAdmissionPolicyBindings()
        .withName(POLICY)
        .delete();
    admin.admissionRegistration().v1().validatingAdmissionPolicies().withName(POLICY).delete();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> admitsAForgedRequester(admin, namespace));
    return new RequesterPolicyAbsent(admin);
  }

  @Override
  public void close() {
    OperatorInstall.applyRequesterPolicy(admin, Binaries.repositoryRoot());
  }

  private static boolean admitsAForgedRequester(KubernetesClient admin, String namespace) {
    VirtualMachineClone probe =
        ProbeClone.of("policy-probe", Map.of(RequesterAnnotation.KEY, "nobody\n"));
    admin
        .resources(VirtualMachineClone.class)
        .inNamespace(namespace)
        .resource(probe)
        .dryRun()
        .create();
    return true;
  }
}
