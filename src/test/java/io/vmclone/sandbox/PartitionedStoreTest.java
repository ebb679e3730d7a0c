package io.vmclone.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionedStoreTest {

  @Test
  void namespacedPathsAreKeyedByGroupAndPlural() {
    assertEquals(
        "kubevirt.io/virtualmachines",
        PartitionedStore.resourceOf("/apis/kubevirt.io/v1/namespaces/default/virtualmachines/a"));
    assertEquals(
        "kubevirt.io/virtualmachines",
        PartitionedStore.resourceOf("/apis/kubevirt.io/v1/namespaces/default/virtualmachines"));
    assertEquals("/events", PartitionedStore.resourceOf("/api/v1/namespaces/ns/events/e1"));
    assertEquals(
        "vmclone.io/virtualmachineclones",
        PartitionedStore.resourceOf(
            "/apis/vmclone.io/v1alpha1/namespaces/ns/virtualmachineclones/c/status"));
  }

  @Test
  void clusterWideListsAndClusterScopedObjectsShareTheirResourcesKey() {
    assertEquals("/events", PartitionedStore.resourceOf("/api/v1/events"));
    assertEquals("/namespaces", PartitionedStore.resourceOf("/api/v1/namespaces/default"));
    assertEquals("/namespaces", PartitionedStore.resourceOf("/api/v1/namespaces"));
    assertEquals(
        "kubevirt.io/virtualmachines",
        PartitionedStore.resourceOf("/apis/kubevirt.io/v1/virtualmachines"));
  }

  @Test
  void discoveryPathsGoToTheOtherStore() {
    assertEquals("", PartitionedStore.resourceOf("/api"));
    assertEquals("", PartitionedStore.resourceOf("/apis"));
    assertEquals("", PartitionedStore.resourceOf("/api/v1"));
    assertEquals("", PartitionedStore.resourceOf("/apis/kubevirt.io/v1"));
  }

  @Test
  void theOldestObjectsAreForgottenFirst() {
    Map<String, Integer> objects = Collections.synchronizedMap(new LinkedHashMap<>());
    for (int i = 1; i <= 5; i++) {
      objects.put("e" + i, i);
    }
    PartitionedStore.forgetOldest(objects, 3);
    assertEquals(List.of("e3", "e4", "e5"), List.copyOf(objects.keySet()));
    PartitionedStore.forgetOldest(objects, 3);
    assertEquals(3, objects.size());
  }

  @Test
  void onlyTheNewestEventsAreKept() {
    int kept = 10;
    try (SandboxMockServer mock = SandboxMockServer.start(0, kept)) {
      KubernetesClient client = mock.client();
      for (int i = 0; i < kept + 2; i++) {
        client
            .v1()
            .events()
            .resource(
                new EventBuilder()
                    .withNewMetadata()
                    .withName("e" + i)
                    .endMetadata()
                    .withReason("Test")
                    .build())
            .create();
      }
      assertEquals(kept, client.v1().events().list().getItems().size());
      assertNull(client.v1().events().withName("e1").get());
      assertEquals("Test", client.v1().events().withName("e" + (kept + 1)).get().getReason());
    }
  }

  @Test
  void objectsOfEachResourceAreStoredAndListedApart() {
    try (SandboxMockServer mock = SandboxMockServer.start(0)) {
      KubernetesClient client = mock.client();
      client
          .configMaps()
          .resource(new ConfigMapBuilder().withNewMetadata().withName("same").endMetadata().build())
          .create();
      client
          .secrets()
          .resource(new SecretBuilder().withNewMetadata().withName("same").endMetadata().build())
          .create();
      ConfigMap map = client.configMaps().withName("same").get();
      Secret secret = client.secrets().withName("same").get();
      assertEquals("ConfigMap", map.getKind());
      assertEquals("Secret", secret.getKind());
      assertEquals(1, client.configMaps().inAnyNamespace().list().getItems().size());
      assertEquals(1, client.secrets().list().getItems().size());
    }
  }
}
