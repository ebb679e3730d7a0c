package io.vmclone.crash;

import io.vmclone.crash.Workload.Names;
import io.vmclone.crash.Workload.Request;
import io.vmclone.simulator.SimulatorSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The API server answers a share of the operator's requests with 500, 409 or 429 for a while:
 * creating DataVolumes, snapshots and the target VM, reading and updating the source VM, patching
 * the clone's status. Every clone must still succeed, without a restart (nothing interrupted the
 * leader) and without anything duplicated; and the operator must have met every injected error.
 */
final class ApiErrorsScenario implements Scenario {

  private static final String KUBEVIRT = "/apis/kubevirt.io/v1/namespaces/default/virtualmachines";
  private static final String CDI = "/apis/cdi.kubevirt.io/v1beta1/namespaces/default/datavolumes";
  private static final String SNAPSHOTS =
      "/apis/snapshot.kubevirt.io/v1beta1/namespaces/default/virtualmachinesnapshots";
  private static final String CLONES =
      "/apis/vmclone.io/v1alpha1/namespaces/default/virtualmachineclones";

  @Override
  public String name() {
    return "api-errors";
  }

  @Override
  public SimulatorSettings pace() {
    return Paces.slowCopies(Duration.ofSeconds(4));
  }

  @Override
  public Verdict run(CaseRun run) {
    Leadership.startPair(run, OperatorSettings.replica(MatrixCase.LEADER));
    FaultInjector faults = new FaultInjector(run.cluster().mock());
    List<CloneRef> clones =
        run.workload()
            .add(
                List.of(Request.standard(), Request.standard(), Request.standard()),
                names -> arm(faults, names));
    run.awaitTerminal(clones, Duration.ofSeconds(180));
    List<String> problems = new ArrayList<>();
    if (!faults.unspent().isEmpty()) {
      problems.add("injected errors the operator never met: " + faults.unspent());
    }
    problems.addAll(run.check(clones, List.of(), true));
    return new Verdict(
        problems,
        run.restarts(clones),
        faults.answered() + " requests answered 500/409/429; ends " + run.outcomes(clones));
  }

  /** Arms the faults once the source VMs exist (their creation must not meet them). */
  private static void arm(FaultInjector faults, List<Names> names) {
    faults.inject("POST", CDI, 500, 4);
    faults.inject("POST", SNAPSHOTS, 429, 3);
    faults.inject("POST", KUBEVIRT, 500, 2);
    for (Names name : names) {
      faults.inject("GET", KUBEVIRT + "/" + name.sourceName(), 500, 2);
      faults.inject("PUT", KUBEVIRT + "/" + name.sourceName(), 409, 2);
      faults.inject("PATCH", CLONES + "/" + name.cloneName() + "/status", 409, 1);
      faults.inject("PATCH", CLONES + "/" + name.cloneName() + "/status", 429, 1);
    }
  }
}
