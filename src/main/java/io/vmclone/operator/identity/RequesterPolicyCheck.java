package io.vmclone.operator.identity;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.operator.config.OperatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether the API server's requester policy stood guard when a clone was created, so that the
 * clone's requester annotations are the userInfo of whoever created it (see {@link
 * RequesterAnnotation}). It did if the policy and its binding (both named {@code
 * vmclone.identity.requester-policy}) exist, have the operator's shape ({@link
 * RequesterPolicyShape}), and have not been created or changed since the clone's creation, with a
 * margin for the API server to start enforcing a change ({@code
 * vmclone.identity.requester-policy-settle}). Anything else, including a policy the operator may
 * not read, leaves the requester unverified: the operator then does nothing for the clone.
 *
 * <p>Changes are dated by the API server: each object's creation and the {@code managedFields}
 * times of writes to its spec, which a client cannot set without the right to write the policy.
 */
@ApplicationScoped
public class RequesterPolicyCheck {

  private final KubernetesClient client;
  private final OperatorConfig config;
  private final RequesterPolicyShape shape;

  public RequesterPolicyCheck(KubernetesClient client, OperatorConfig config) {
    this.client = client;
    this.config = config;
    this.shape = RequesterPolicyShape.packaged(client);
  }

  /**
   * Why the requester annotations of a clone created at this time cannot be trusted; empty if they
   * can.
   *
   * @throws KubernetesClientException if the API server could not be asked (try again later)
   */
  public Optional<String> untrustedBecause(Instant cloneCreated) {
    String name = config.identity().requesterPolicy();
    ValidatingAdmissionPolicy policy;
    ValidatingAdmissionPolicyBinding binding;
    try {
      policy =
          client.admissionRegistration().v1().validatingAdmissionPolicies().withName(name).get();
      binding =
          client
              .admissionRegistration()
              .v1()
              .validatingAdmissionPolicyBindings()
              .withName(name)
              .get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        return Optional.of(
            "the operator may not read the requester policy " + name + " (" + e.getCode() + ")");
      }
      throw e;
    }
    return untrustedBecause(name, policy, binding, cloneCreated);
  }

  /** Why the policy and binding as read did not stand guard when the clone was created. */
  private Optional<String> untrustedBecause(
      String name,
      ValidatingAdmissionPolicy policy,
      ValidatingAdmissionPolicyBinding binding,
      Instant cloneCreated) {
    if (policy == null || binding == null) {
      return Optional.of(
          "the API server's requester policy "
              + name
              + " (ValidatingAdmissionPolicy and binding) is not installed, so nothing checked the"
              + " requester annotations");
    }
    List<String> deviations = shape.deviations(policy, binding);
    if (!deviations.isEmpty()) {
      return Optional.of(
          "the requester policy "
              + name
              + " is not the operator's: "
              + String.join("; ", deviations));
    }
    Instant inForce = lastChange(policy, binding);
    Instant trustedFrom = inForce.plus(config.identity().requesterPolicySettle());
    if (cloneCreated == null || cloneCreated.isBefore(trustedFrom)) {
      return Optional.of(
          "the clone was created at "
              + cloneCreated
              + ", before the requester policy "
              + name
              + " was in force (last changed "
              + inForce
              + "), so nothing checked its requester annotations");
    }
    return Optional.empty();
  }

  /**
   * When the latest of the objects was created or had its spec written, as the API server recorded
   * it (creation and {@code managedFields} times; writes to the status do not count).
   */
  public static Instant lastChange(HasMetadata... objects) {
    Instant last = Instant.MIN;
    for (HasMetadata object : objects) {
      List<ManagedFieldsEntry> entries = object.getMetadata().getManagedFields();
      Stream<String> times =
          Stream.concat(
              Stream.of(object.getMetadata().getCreationTimestamp()),
              (entries == null ? List.<ManagedFieldsEntry>of() : entries)
                  .stream()
                      .filter(e -> e.getSubresource() == null || e.getSubresource().isEmpty())
                      .map(ManagedFieldsEntry::getTime));
      for (String time : times.filter(t -> t != null).toList()) {
        Instant written = Instant.parse(time);
        last = written.isAfter(last) ? written : last;
      }
    }
    return last;
  }
}
