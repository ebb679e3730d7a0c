package io.vmclone.crash;

import io.vmclone.crash.JournalProbe.EntryRow;
import io.vmclone.operator.api.VirtualMachineClone;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * What a person debugging a failed case wants beside the operators' logs: each clone's status as
 * the API server has it, and its task, journal and entity flags as PostgreSQL has them, written to
 * {@code diagnostics.txt} in the case's folder.
 */
final class Diagnostics {

  private Diagnostics() {}

  static void write(CaseRun run, List<String> problems) {
    List<String> lines = new ArrayList<>();
    lines.add("problems:");
    problems.forEach(p -> lines.add("  " + p));
    for (CloneRef clone : run.workload().all()) {
      lines.add("");
      lines.add("clone " + clone);
      lines.addAll(describe(run, clone));
    }
    try {
      Files.write(run.dir().resolve("diagnostics.txt"), lines);
    } catch (IOException e) {
      System.err.println("could not write diagnostics: " + e.getMessage());
    }
  }

  private static List<String> describe(CaseRun run, CloneRef clone) {
    List<String> lines = new ArrayList<>();
    try {
      VirtualMachineClone cr = run.clone(clone);
      lines.add(
          "  status: "
              + (cr == null
                  ? "gone"
                  : run.cluster().client().getKubernetesSerialization().asJson(cr.getStatus())));
      var task = run.journal().task(clone.uid());
      lines.add("  task: " + task.map(Object::toString).orElse("none"));
      if (task.isPresent()) {
        for (EntryRow entry : run.journal().entries(task.get().id())) {
          lines.add("    " + entry);
        }
        lines.add("  flags: " + run.journal().flags(task.get().id()));
      }
    } catch (RuntimeException e) {
      lines.add("  (could not read: " + e.getMessage() + ")");
    }
    return lines;
  }
}
