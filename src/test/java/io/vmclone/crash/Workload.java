package io.vmclone.crash;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.operator.api.ClonePolicy;
import io.vmclone.operator.api.CloneSource;
import io.vmclone.operator.api.RunStrategy;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.testing.KubeVirtKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Creates a case's clones, each with a source VM of its own, under names unique to the case ({@code
 * <prefix>-src-<n>}, {@code <prefix>-<n>}).
 */
public final class Workload {

  /** The kind of source VM a clone copies. */
  public enum SourceVm {
    /** Two disk copies (a dataVolumeTemplate and a PVC), a container disk and cloud-init. */
    STANDARD("/crash/vm.yaml", 2),
    /** One disk copy. */
    SMALL("/crash/vm-small.yaml", 1);

    final String template;
    final int disks;

    SourceVm(String template, int disks) {
      this.template = template;
      this.disks = disks;
    }
  }

  /**
   * Who asks for a clone: alice, a person, or the ServiceAccount ci-bot of the case's namespace
   * (whose token the operator then preserves and revives on recovery). The API server calls the
   * operator's mutating webhook, which stamps who it is.
   */
  public enum Requester {
    ALICE,
    CI_BOT
  }

  /**
   * What one clone asks for.
   *
   * @param maxRestarts policy.maxRestarts, or null to leave it to the operator
   * @param runStrategy the target's runStrategy
   * @param vm the kind of source VM
   * @param requester who asks
   */
  public record Request(
      Integer maxRestarts, RunStrategy runStrategy, SourceVm vm, Requester requester) {

    public static Request standard() {
      return new Request(null, RunStrategy.Halted, SourceVm.STANDARD, Requester.ALICE);
    }

    public Request withMaxRestarts(int restarts) {
      return new Request(restarts, runStrategy, vm, requester);
    }

    public Request withRunStrategy(RunStrategy strategy) {
      return new Request(maxRestarts, strategy, vm, requester);
    }

    public Request withVm(SourceVm kind) {
      return new Request(maxRestarts, runStrategy, kind, requester);
    }

    public Request by(Requester who) {
      return new Request(maxRestarts, runStrategy, vm, who);
    }
  }

  /** The names of a clone and of its source VM. */
  public record Names(String cloneName, String sourceName) {}

  /** How many clones are created at the same time. */
  private static final int PARALLEL = 16;

  /** How often a clone's creation is tried while the webhook cannot be reached. */
  private static final int ATTEMPTS = 10;

  private final KubernetesClient admin;
  private final CaseRequesters requesters;
  private final String namespace;
  private final String prefix;
  private final List<CloneRef> created = new ArrayList<>();
  private int next;

  /**
   * @param admin creates the source VMs
   * @param requesters create the clones
   */
  public Workload(
      KubernetesClient admin, CaseRequesters requesters, String namespace, String prefix) {
    this.admin = admin;
    this.requesters = requesters;
    this.namespace = namespace;
    this.prefix = prefix;
  }

  /** Creates the source VM, then the clone. */
  public CloneRef add(Request request) {
    return add(List.of(request)).get(0);
  }

  /** Creates the source VMs first, then the clones, so that the clones start close together. */
  public List<CloneRef> add(List<Request> requests) {
    return add(requests, names -> {});
  }

  /**
   * Creates the source VMs, hands the names of the clones and sources to come to {@code
   * beforeClones} (for example to arm faults on their paths), then creates the clones.
   */
  public List<CloneRef> add(List<Request> requests, Consumer<List<Names>> beforeClones) {
    int first = next + 1;
    next += requests.size();
    List<Names> names = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      createVm(sourceName(first + i), requests.get(i).vm());
      names.add(new Names(prefix + "-" + (first + i), sourceName(first + i)));
    }
    beforeClones.accept(names);
    List<Callable<CloneRef>> creations = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      Request request = requests.get(i);
      Names name = names.get(i);
      creations.add(
          () -> {
            VirtualMachineClone clone = createClone(name.cloneName(), name.sourceName(), request);
            return new CloneRef(
                clone.getMetadata().getName(),
                name.sourceName(),
                clone.getMetadata().getUid(),
                request.maxRestarts(),
                request.vm().disks);
          });
    }
    List<CloneRef> clones = createAll(creations);
    created.addAll(clones);
    return clones;
  }

  /**
   * Creates the clones side by side, as many clients applying at once would: each creation waits
   * for the operator's two admission webhooks, so one after the other a hundred would take long.
   */
  private static List<CloneRef> createAll(List<Callable<CloneRef>> creations) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(creations.size(), PARALLEL));
    try {
      List<CloneRef> clones = new ArrayList<>();
      for (Future<CloneRef> creation : pool.invokeAll(creations)) {
        clones.add(creation.get());
      }
      return clones;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new HarnessFailure("creating a clone: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessFailure("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Every clone this workload created. */
  public List<CloneRef> all() {
    return List.copyOf(created);
  }

  private String sourceName(int n) {
    return prefix + "-src-" + n;
  }

  private void createVm(String name, SourceVm kind) {
    String manifest = template(kind.template).replace("NAMESPACE", namespace).replace("NAME", name);
    GenericKubernetesResource vm =
        admin.getKubernetesSerialization().unmarshal(manifest, GenericKubernetesResource.class);
    admin
        .genericKubernetesResources(KubeVirtKind.VIRTUAL_MACHINE.context())
        .inNamespace(namespace)
        .resource(vm)
        .create();
  }

  private VirtualMachineClone createClone(String name, String source, Request request) {
    VirtualMachineClone clone = new VirtualMachineClone();
    clone.getMetadata().setName(name);
    clone.getMetadata().setNamespace(namespace);
    VirtualMachineCloneSpec spec = new VirtualMachineCloneSpec();
    spec.setSource(new CloneSource(SourceKind.VirtualMachine, source, null));
    spec.setRunStrategy(request.runStrategy());
    if (request.maxRestarts() != null) {
      spec.setPolicy(new ClonePolicy(request.maxRestarts(), null));
    }
    clone.setSpec(spec);
    return createAs(requesters.clientOf(request.requester()), clone);
  }

  /**
   * Creates the clone as the requester. While a replica dies or starts, the API server may find no
   * webhook to call (failurePolicy Fail answers 500 "failed calling webhook"): then it is tried
   * again, as a person or a pipeline would; an AlreadyExists on a later try means an earlier try
   * went through after all.
   */
  private VirtualMachineClone createAs(KubernetesClient requester, VirtualMachineClone clone) {
    var clones = requester.resources(VirtualMachineClone.class).inNamespace(namespace);
    for (int attempt = 1; ; attempt++) {
      try {
        return clones.resource(clone).create();
      } catch (KubernetesClientException e) {
        if (attempt > 1 && e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
          return clones.withName(clone.getMetadata().getName()).get();
        }
        boolean webhookDown =
            e.getCode() >= 500 && String.valueOf(e.getMessage()).contains("webhook");
        if (!webhookDown || attempt >= ATTEMPTS) {
          throw e;
        }
        Waits.sleep(500);
      }
    }
  }

  private static String template(String resource) {
    try (InputStream in = Workload.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
