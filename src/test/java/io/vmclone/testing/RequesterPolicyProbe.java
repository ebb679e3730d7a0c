package io.vmclone.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.identity.RequesterAnnotation;
import io.vmclone.operator.identity.RequesterPolicyCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Waits until the API server enforces the requester policy (a dry-run clone that claims another
 * requester is denied) and until clones created from then on are ones the operator trusts: created
 * more than the operator's settle time (3 s) after the policy's or its binding's last change, which
 * the API server dates to the second.
 */
public final class RequesterPolicyProbe {

  /** The name of the chart's requester policy and its binding, as k8s/ has them. */
  public static final String POLICY = "vmclone-operator-requester";

  private static final Duration SETTLE = Duration.ofSeconds(3);

  private RequesterPolicyProbe() {}

  static void awaitTrusted(KubernetesClient admin) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> deniesAForgedRequester(admin));
    Instant trusted = lastChange(admin).plus(SETTLE).plusSeconds(1);
    Duration wait = Duration.between(Instant.now(), trusted);
    if (!wait.isNegative()) {
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the requester policy settled", e);
      }
    }
  }

  private static boolean deniesAForgedRequester(KubernetesClient admin) {
    VirtualMachineClone probe =
        ProbeClone.of("requester-policy-probe", Map.of(RequesterAnnotation.KEY, "nobody\n"));
    try {
      admin
          .resources(VirtualMachineClone.class)
          .inNamespace("default")
          .resource(probe)
          .dryRun()
          .create();
      return false;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403 && String.valueOf(e.getMessage()).contains(POLICY)) {
        return true;
      }
      throw e;
    }
  }

  private static Instant lastChange(KubernetesClient admin) {
    ValidatingAdmissionPolicy policy =
        admin.admissionRegistration().v1().validatingAdmissionPolicies().withName(POLICY).get();
    ValidatingAdmissionPolicyBinding binding =
        admin
            .admissionRegistration()
            .v1()
            .validatingAdmissionPolicyBindings()
            .withName(POLICY)
            .get();
    return RequesterPolicyCheck.lastChange(policy, binding);
  }
}
