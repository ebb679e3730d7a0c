package io.vmclone.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vmclone.testing.TestControlPlane;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A fabric8 informer (what java-operator-sdk watches clones with) whose watch breaks and is then
 * answered {@code 410 Gone} must list again, and so learn of a deletion it could never see as a
 * watch event: the real API server's way of saying "you were away too long". The fabric8 mock never
 * answered 410; it replayed ADDED events and lost the deletions of the gap.
 */
class WatchRelistIT {

  @Test
  void anInformerAnsweredGoneListsAgainAndLearnsWhatChangedWhileItWasAway() {
    ControlPlane plane = TestControlPlane.get();
    String namespace = TestControlPlane.newNamespace("watch-relist-it");
    KubernetesClient admin = TestControlPlane.admin();
    admin.configMaps().inNamespace(namespace).resource(configMap("stays")).create();
    admin.configMaps().inNamespace(namespace).resource(configMap("goes")).create();
    String collection = "/api/v1/namespaces/" + namespace + "/configmaps";
    List<String> deleted = new CopyOnWriteArrayList<>();

    try (FaultProxy proxy = FaultProxy.start(plane);
        KubernetesClient client = through(proxy, plane, namespace);
        SharedIndexInformer<ConfigMap> informer =
            client.configMaps().inNamespace(namespace).inform(recordingDeletes(deleted), 0)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> names(informer).size() == 2);
      await().atMost(Duration.ofSeconds(20)).until(() -> proxy.openWatches(collection) == 1);
      int listsBefore = lists(proxy, collection);
      // The informer's next watch waits long enough for the changes below, then hears 410.
      proxy.arm(FaultRule.delay("GET", collection, Duration.ofSeconds(2), 1));
      FaultRule gone = proxy.arm(FaultRule.gone(collection, 1));

      assertThat(proxy.dropWatches(collection)).isEqualTo(1);
      admin.configMaps().inNamespace(namespace).withName("goes").delete();
      admin.configMaps().inNamespace(namespace).resource(configMap("arrives")).create();

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(names(informer)).containsExactlyInAnyOrder("stays", "arrives"));
      assertThat(gone.spent()).as("the informer met the 410").isTrue();
      assertThat(lists(proxy, collection)).as("lists").isGreaterThan(listsBefore);
      // The informer tells its handlers after it updates its store, on a thread of its own.
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(deleted).containsExactly("goes"));
      await().atMost(Duration.ofSeconds(20)).until(() -> proxy.openWatches(collection) == 1);
    }
  }

  private static List<String> names(SharedIndexInformer<ConfigMap> informer) {
    return informer.getStore().list().stream().map(cm -> cm.getMetadata().getName()).toList();
  }

  /** The LIST requests of the collection the proxy relayed (watches left out). */
  private static int lists(FaultProxy proxy, String collection) {
    return proxy
        .requests(
            line ->
                (line.equals("GET " + collection) || line.startsWith("GET " + collection + "?"))
                    && !line.contains("watch=true"))
        .size();
  }

  private static ResourceEventHandler<ConfigMap> recordingDeletes(List<String> deleted) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(ConfigMap configMap) {}

      @Override
      public void onUpdate(ConfigMap before, ConfigMap after) {}

      @Override
      public void onDelete(ConfigMap configMap, boolean finalStateUnknown) {
        deleted.add(configMap.getMetadata().getName());
      }
    };
  }

  private static KubernetesClient through(FaultProxy proxy, ControlPlane plane, String namespace) {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(plane.config(plane.user(User.ADMIN).token(), namespace))
                .withMasterUrl(proxy.url().toString())
                .build())
        .build();
  }

  private static ConfigMap configMap(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().build();
  }
}
