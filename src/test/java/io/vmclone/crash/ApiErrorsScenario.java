package io.vmclone.crash;

import io.vmclone.controlplane.FaultProxy;
import io.vmclone.controlplane.FaultRule;
import io.vmclone.crash.Workload.Names;
import io.vmclone.crash.Workload.Request;
import io.vmclone.simulator.SimulatorSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The API server misbehaves for a while, through a {@link FaultProxy} the operators talk to instead
 * of it: a share of their requests are answered 500, 409 or 429 (creating DataVolumes, snapshots
 * and the target VM, reading and updating the source VM, patching the clone's status), some status
 * patches are slow, and mid-copy every watch is cut and the next watches of clones are answered
 * {@code 410 Gone}, so that both replicas' informers must list again. Every clone must still
 * succeed, without a restart (nothing interrupted the leader) and without anything duplicated; a
 * clone applied after the 410s must be picked up (the informer watches again); and the operators
 * must have met every armed fault.
 */
final class ApiErrorsScenario implements Scenario {

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
    String namespace = run.cluster().namespace();
    try (FaultProxy proxy = FaultProxy.start(run.cluster().harness().plane())) {
      Map<String, String> viaProxy =
          Map.of("KUBECONFIG", run.cluster().kubeconfigVia(proxy.url()).toString());
      Leadership.startPair(
          run,
          OperatorSettings.replica(MatrixCase.LEADER).with(viaProxy),
          OperatorSettings.replica(MatrixCase.STANDBY).with(viaProxy));
      Paths paths = new Paths(namespace);
      List<CloneRef> clones =
          new ArrayList<>(
              run.workload()
                  .add(
                      List.of(Request.standard(), Request.standard(), Request.standard()),
                      names -> arm(proxy, paths, names)));
      Waits.until(
          "a clone mid-copy",
          Duration.ofSeconds(90),
          Duration.ofMillis(100),
          () -> run.journal().inAction(clones, "CopyDisks") > 0);
      FaultRule gone = proxy.arm(FaultRule.gone(paths.clones(), 2));
      int cut = proxy.dropWatches("");
      Waits.until("both replicas to meet the 410", Duration.ofSeconds(60), gone::spent);
      clones.add(run.workload().add(Request.standard()));
      run.awaitTerminal(clones, Duration.ofSeconds(180));
      List<String> problems = new ArrayList<>();
      if (!proxy.unspent().isEmpty()) {
        problems.add("armed faults the operators never met: " + proxy.unspent());
      }
      if (cut < 2) {
        problems.add("only " + cut + " watches were open to cut, expected one per replica");
      }
      problems.addAll(run.check(clones, List.of(), true));
      return new Verdict(problems, run.restarts(clones), summary(proxy, cut, run, clones));
    }
  }

  /** Arms the faults once the source VMs exist (their creation must not meet them). */
  private static void arm(FaultProxy proxy, Paths paths, List<Names> names) {
    proxy.arm(FaultRule.answer("POST", paths.dataVolumes(), 500, 4));
    proxy.arm(FaultRule.answer("POST", paths.snapshots(), 429, 3));
    proxy.arm(FaultRule.answer("POST", paths.vms(), 500, 2));
    for (Names name : names) {
      String source = paths.vms() + "/" + name.sourceName();
      String status = paths.clones() + "/" + name.cloneName() + "/status";
      proxy.arm(FaultRule.answer("GET", source, 500, 2));
      proxy.arm(FaultRule.answer("PUT", source, 409, 2));
      proxy.arm(FaultRule.delay("PATCH", status, Duration.ofMillis(1500), 2));
      proxy.arm(FaultRule.answer("PATCH", status, 409, 1));
      proxy.arm(FaultRule.answer("PATCH", status, 429, 1));
    }
  }

  private static String summary(FaultProxy proxy, int cut, CaseRun run, List<CloneRef> clones) {
    int answered = 0;
    int delayed = 0;
    for (FaultRule rule : proxy.rules()) {
      switch (rule.kind()) {
        case ANSWER -> answered += rule.met();
        case DELAY -> delayed += rule.met();
        case GONE -> {}
      }
    }
    return answered
        + " requests answered 500/409/429, "
        + delayed
        + " held 1.5 s, "
        + cut
        + " watches cut and the next 2 answered 410; ends "
        + run.outcomes(clones);
  }

  /** The API paths of the case's namespace. */
  private record Paths(String namespace) {
    String vms() {
      return "/apis/kubevirt.io/v1/namespaces/" + namespace + "/virtualmachines";
    }

    String dataVolumes() {
      return "/apis/cdi.kubevirt.io/v1beta1/namespaces/" + namespace + "/datavolumes";
    }

    String snapshots() {
      return "/apis/snapshot.kubevirt.io/v1beta1/namespaces/"
          + namespace
          + "/virtualmachinesnapshots";
    }

    String clones() {
      return "/apis/vmclone.io/v1alpha1/namespaces/" + namespace + "/virtualmachineclones";
    }
  }
}
