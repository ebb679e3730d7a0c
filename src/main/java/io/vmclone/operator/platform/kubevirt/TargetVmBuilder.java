package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.spec.SpecError;
import io.vmclone.operator.spec.SpecValidator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the target {@code kubevirt.io/v1} VirtualMachine of a clone from the source VM manifest.
 * Pure: no I/O, the same request always gives the same manifest, and the source is not changed.
 *
 * <p>The target has the source's apiVersion and kind, fresh metadata ({@link TargetMetadata}), the
 * source's spec with the template's metadata filtered, a new identity ({@link TargetIdentity}),
 * volumes on the disk copies ({@link TargetVolumes}), {@code runStrategy: Halted} instead of {@code
 * running}/{@code runStrategy} (the workflow starts it later if the clone asks), no pinned
 * instancetype or preference revision (the revisions belong to the source VM; KubeVirt makes new
 * ones for the target), and finally the clone's patches ({@link TargetPatches}). It has no {@code
 * status}.
 *
 * <p>Refusals are {@link io.vmclone.operator.platform.PlatformException}s: {@code InvalidSpec}
 * (spec rules of {@link SpecValidator}, a MAC for an interface the VM lacks, a patch that does not
 * apply or changes what the operator relies on) and {@code SourceNotCloneable} ({@link
 * Cloneability}, a copied volume without a copy).
 */
final class TargetVmBuilder {

  private TargetVmBuilder() {}

  /** The target VM manifest. */
  static ObjectNode build(TargetVmRequest request) {
    requireValidSpec(request);
    ObjectNode source = request.sourceVm();
    Cloneability.requireCloneable(source);
    ObjectNode target = source.objectNode();
    target.set("apiVersion", source.get("apiVersion"));
    target.set("kind", source.get("kind"));
    target.set("metadata", TargetMetadata.build(source, request));
    ObjectNode spec = source.get("spec").deepCopy();
    target.set("spec", spec);
    TargetMetadata.filterTemplate(spec, request.spec().getTemplate());
    TargetIdentity.apply(spec, request.spec(), request.defaultSerial());
    TargetVolumes.pointAtCopies(spec, request.copies(), request.taskId());
    halt(spec);
    unpinRevisions(spec);
    return TargetPatches.apply(target, request.spec().getPatches());
  }

  private static void requireValidSpec(TargetVmRequest request) {
    List<SpecError> errors = SpecValidator.validate(request.spec());
    if (!errors.isEmpty()) {
      throw Refusals.invalidSpec(
          errors.stream().map(SpecError::toString).collect(Collectors.joining("; ")));
    }
  }

  private static void halt(ObjectNode spec) {
    spec.remove("running");
    spec.put("runStrategy", "Halted");
  }

  private static void unpinRevisions(ObjectNode spec) {
    for (String matcher : List.of("instancetype", "preference")) {
      ObjectNode node = Manifests.object(spec, matcher);
      if (node != null) {
        node.remove("revisionName");
      }
    }
  }
}
