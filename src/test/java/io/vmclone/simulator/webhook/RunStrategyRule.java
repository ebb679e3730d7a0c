package io.vmclone.simulator.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * KubeVirt's VirtualMachine admission: a VM that sets both {@code spec.running} (even to false) and
 * {@code spec.runStrategy} is refused on create and update, as virt-api's VM admitter refuses it.
 */
final class RunStrategyRule implements AdmissionRule {

  static final String PATH = "/kubevirt/virtualmachines";

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public Verdict judge(JsonNode request) {
    JsonNode spec = request.at("/object/spec");
    boolean running = spec.has("running") && !spec.get("running").isNull();
    boolean runStrategy = spec.has("runStrategy") && !spec.get("runStrategy").isNull();
    if (running && runStrategy) {
      return Verdict.invalid(
          "spec.running: Running and RunStrategy are mutually exclusive. Note that Running is"
              + " deprecated, please use RunStrategy instead");
    }
    return Verdict.ALLOWED;
  }
}
