package io.vmclone.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vmclone.simulator.webhook.SimulatorWebhooks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Plays KubeVirt's and CDI's controllers against an API server: makes VirtualMachineSnapshots
 * ready, advances DataVolumes, and reports VirtualMachines Running or Stopped, with the delays and
 * failures of its {@link SimulatorSettings}. It watches all namespaces with informers (and acts on
 * those {@link #onlyIn} lets through); each controller works on a thread of its own, so that it
 * needs no locking (the controllers share nothing but the API server) and snapshots are not queued
 * behind a thousand VirtualMachine status writes. The KubeVirt CRDs must be installed first ({@code
 * KubeVirtCrds}). KubeVirt's and CDI's admission rules are {@link SimulatorWebhooks}, which the
 * simulator can own ({@link #withWebhooks}).
 *
 * <p>Test-only: it never ships in the operator.
 */
public final class KubeVirtSimulator implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(KubeVirtSimulator.class.getName());

  /** Resyncs retry whatever a failed API call left undone. */
  private static final long RESYNC_MILLIS = 5_000;

  private final KubernetesClient client;
  private final SimulatorSettings settings;
  private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
  private final List<ScheduledExecutorService> workers = new ArrayList<>();
  private volatile Predicate<String> namespaces = namespace -> true;
  private SimulatorWebhooks webhooks;

  public KubeVirtSimulator(KubernetesClient client, SimulatorSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  /**
   * Acts only on objects in the namespaces this predicate accepts, so that tests sharing one API
   * server do not meet each other's simulators. Call before {@link #start}.
   */
  public synchronized KubeVirtSimulator onlyIn(Predicate<String> namespaces) {
    this.namespaces = namespaces;
    return this;
  }

  /** Owns these running webhooks from now on: closing the simulator closes them. */
  public synchronized KubeVirtSimulator withWebhooks(SimulatorWebhooks webhooks) {
    this.webhooks = webhooks;
    return this;
  }

  /** Starts watching; returns once every informer has listed what exists. */
  public synchronized KubeVirtSimulator start() {
    if (!workers.isEmpty()) {
      throw new IllegalStateException("already started");
    }
    ApiObjects api = new ApiObjects(client);
    for (Kind kind : Kind.values()) {
      ScheduledExecutorService worker = worker(kind);
      workers.add(worker);
      SimulatedController controller = kind.create(api, settings, timers(kind, worker));
      informers.add(
          client
              .genericKubernetesResources(controller.kind().context())
              .inAnyNamespace()
              .inform(new Dispatcher(controller, api, worker), RESYNC_MILLIS));
    }
    LOG.info(() -> "KubeVirt simulator started with " + settings);
    return this;
  }

  public SimulatorSettings settings() {
    return settings;
  }

  @Override
  public synchronized void close() {
    informers.forEach(SharedIndexInformer::close);
    informers.clear();
    workers.forEach(ScheduledExecutorService::shutdown);
    for (ScheduledExecutorService worker : workers) {
      try {
        if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
          worker.shutdownNow();
        }
      } catch (InterruptedException e) {
        worker.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    workers.clear();
    if (webhooks != null) {
      webhooks.close();
      webhooks = null;
    }
  }

  /** The simulated controllers. */
  private enum Kind {
    VM {
      @Override
      SimulatedController create(ApiObjects api, SimulatorSettings settings, Timers timers) {
        return new VmController(api, settings, timers);
      }
    },
    SNAPSHOT {
      @Override
      SimulatedController create(ApiObjects api, SimulatorSettings settings, Timers timers) {
        return new SnapshotController(api, settings, timers);
      }
    },
    DATA_VOLUME {
      @Override
      SimulatedController create(ApiObjects api, SimulatorSettings settings, Timers timers) {
        return new DataVolumeController(api, settings, timers);
      }
    };

    abstract SimulatedController create(ApiObjects api, SimulatorSettings settings, Timers timers);
  }

  private static ScheduledExecutorService worker(Kind kind) {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread =
                  new Thread(
                      runnable, "kubevirt-simulator-" + kind.name().toLowerCase(Locale.ROOT));
              thread.setDaemon(true);
              return thread;
            });
    // on close, pending delays are dropped and the step in flight may finish its API call
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return executor;
  }

  private static Timers timers(Kind kind, ScheduledExecutorService worker) {
    return new Timers(worker, e -> LOG.log(Level.WARNING, kind + " controller failed", e));
  }

  /** Hands informer events to the controller's worker thread. */
  private final class Dispatcher implements ResourceEventHandler<GenericKubernetesResource> {
    private final SimulatedController controller;
    private final ApiObjects api;
    private final ScheduledExecutorService executor;

    Dispatcher(SimulatedController controller, ApiObjects api, ScheduledExecutorService executor) {
      this.controller = controller;
      this.api = api;
      this.executor = executor;
    }

    @Override
    public void onAdd(GenericKubernetesResource resource) {
      dispatch(resource, false);
    }

    @Override
    public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource resource) {
      dispatch(resource, false);
    }

    @Override
    public void onDelete(GenericKubernetesResource resource, boolean finalStateUnknown) {
      dispatch(resource, true);
    }

    private void dispatch(GenericKubernetesResource resource, boolean deleted) {
      if (!namespaces.test(resource.getMetadata().getNamespace())) {
        return;
      }
      ObjectNode object = api.toNode(resource);
      try {
        executor.execute(() -> handle(object, deleted));
      } catch (RejectedExecutionException e) {
        // closing: events that arrive now are of no interest
      }
    }

    private void handle(ObjectNode object, boolean deleted) {
      try {
        if (deleted) {
          controller.deleted(object);
        } else {
          controller.upserted(object);
        }
      } catch (RuntimeException e) {
        TransitionLog.failure(controller.kind(), object, e);
      }
    }
  }
}
