package io.vmclone.operator.spec;

import io.vmclone.operator.api.ClonePolicy;
import io.vmclone.operator.api.CloneSource;
import io.vmclone.operator.api.CloneTarget;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.TemplateFilters;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules of a clone's spec that the CRD's schema cannot express: filter syntax, MAC addresses,
 * durations, JSON patches, and a few cross-field rules. The operator runs it before a clone starts
 * (a clone admitted without the CRD's schema is still checked) and the admission webhook reuses it,
 * so it stays pure: no Kubernetes client, no I/O.
 *
 * <p>It reports every problem it finds, in the order of the spec's fields, not just the first.
 */
public final class SpecValidator {

  /** The longest {@code spec.policy.timeout}: see {@link ClonePolicy#MAX_TIMEOUT}. */
  static final Duration MAX_TIMEOUT = GoDuration.parse(ClonePolicy.MAX_TIMEOUT);

  private SpecValidator() {}

  /** Every problem of the spec; empty if it is valid. */
  public static List<SpecError> validate(VirtualMachineCloneSpec spec) {
    List<SpecError> errors = new ArrayList<>();
    if (spec == null) {
      errors.add(new SpecError("spec", "is required"));
      return errors;
    }
    validateSource(spec.getSource(), errors);
    validateTarget(spec.getSource(), spec.getTarget(), errors);
    validateTargetKind(spec.getTarget(), errors);
    errors.addAll(KeyFilters.validate("spec.labelFilters", spec.getLabelFilters()));
    errors.addAll(KeyFilters.validate("spec.annotationFilters", spec.getAnnotationFilters()));
    TemplateFilters template = spec.getTemplate();
    if (template != null) {
      errors.addAll(KeyFilters.validate("spec.template.labelFilters", template.getLabelFilters()));
      errors.addAll(
          KeyFilters.validate("spec.template.annotationFilters", template.getAnnotationFilters()));
    }
    validateMacAddresses(spec.getNewMacAddresses(), errors);
    errors.addAll(JsonPatches.validate(spec.getPatches()));
    validatePolicy(spec.getPolicy(), errors);
    return errors;
  }

  private static void validateSource(CloneSource source, List<SpecError> errors) {
    if (source == null) {
      errors.add(new SpecError("spec.source", "is required"));
      return;
    }
    if (source.getKind() == null) {
      errors.add(
          new SpecError(
              "spec.source.kind", "is required (VirtualMachine or VirtualMachineSnapshot)"));
    }
    if (source.getName() == null || source.getName().isBlank()) {
      errors.add(new SpecError("spec.source.name", "is required"));
    }
    if (source.getKind() != null
        && source.getApiGroup() != null
        && !source.getApiGroup().equals(CloneSource.groupOf(source.getKind()))) {
      errors.add(
          new SpecError(
              "spec.source.apiGroup",
              "must be " + CloneSource.groupOf(source.getKind()) + " for a " + source.getKind()));
    }
  }

  /** The target is a VirtualMachine of kubevirt.io, whether or not the spec says so. */
  private static void validateTargetKind(CloneTarget target, List<SpecError> errors) {
    if (target == null) {
      return;
    }
    if (target.getApiGroup() != null && !CloneSource.VM_GROUP.equals(target.getApiGroup())) {
      errors.add(new SpecError("spec.target.apiGroup", "must be " + CloneSource.VM_GROUP));
    }
    if (target.getKind() != null && !CloneTarget.KIND.equals(target.getKind())) {
      errors.add(new SpecError("spec.target.kind", "must be " + CloneTarget.KIND));
    }
  }

  /** A VM cloned onto its own name in its own namespace would be the source itself. */
  private static void validateTarget(
      CloneSource source, CloneTarget target, List<SpecError> errors) {
    if (source == null || target == null || target.getName() == null) {
      return;
    }
    boolean sameNamespace = Objects.equals(source.getNamespace(), target.getNamespace());
    if (source.getKind() == SourceKind.VirtualMachine
        && sameNamespace
        && target.getName().equals(source.getName())) {
      errors.add(
          new SpecError(
              "spec.target.name", "must differ from the source VM's name in the same namespace"));
    }
  }

  private static void validateMacAddresses(Map<String, String> macs, List<SpecError> errors) {
    if (macs == null) {
      return;
    }
    // Sorted so that the errors of a HashMap come out in a stable order.
    List<String> interfaces =
        macs.keySet().stream().sorted(Comparator.nullsFirst(Comparator.naturalOrder())).toList();
    for (String iface : interfaces) {
      if (iface == null || iface.isBlank()) {
        errors.add(new SpecError("spec.newMacAddresses", "an interface name must not be empty"));
        continue;
      }
      MacAddresses.problem(macs.get(iface))
          .ifPresent(
              problem -> errors.add(new SpecError("spec.newMacAddresses[" + iface + "]", problem)));
    }
  }

  private static void validatePolicy(ClonePolicy policy, List<SpecError> errors) {
    if (policy == null) {
      return;
    }
    Integer maxRestarts = policy.getMaxRestarts();
    if (maxRestarts != null && (maxRestarts < 0 || maxRestarts > 100)) {
      errors.add(new SpecError("spec.policy.maxRestarts", "must be between 0 and 100"));
    }
    if (policy.getTimeout() == null) {
      return;
    }
    try {
      Duration timeout = GoDuration.parse(policy.getTimeout());
      if (timeout.isNegative() || timeout.isZero()) {
        errors.add(
            new SpecError(
                "spec.policy.timeout",
                "\"" + policy.getTimeout() + "\": must be longer than zero"));
      } else if (timeout.compareTo(MAX_TIMEOUT) > 0) {
        errors.add(
            new SpecError(
                "spec.policy.timeout",
                "\"" + policy.getTimeout() + "\": must be at most " + ClonePolicy.MAX_TIMEOUT));
      }
    } catch (IllegalArgumentException e) {
      errors.add(new SpecError("spec.policy.timeout", e.getMessage()));
    }
  }
}
