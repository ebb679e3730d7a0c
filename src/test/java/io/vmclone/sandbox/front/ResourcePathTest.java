package io.vmclone.sandbox.front;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourcePathTest {

  @Test
  void readsNamespacedCustomResourcePaths() {
    assertThat(
            ResourcePath.parse(
                "/apis/vmclone.io/v1alpha1/namespaces/default/virtualmachineclones/c1/status"))
        .hasValue(
            new ResourcePath(
                "vmclone.io", "v1alpha1", "default", "virtualmachineclones", "c1", "status"));
    assertThat(ResourcePath.parse("/apis/kubevirt.io/v1/virtualmachines"))
        .hasValue(new ResourcePath("kubevirt.io", "v1", null, "virtualmachines", null, null));
  }

  @Test
  void readsCorePathsIncludingNamespacesThemselves() {
    assertThat(ResourcePath.parse("/api/v1/namespaces/default/events"))
        .hasValue(new ResourcePath("", "v1", "default", "events", null, null));
    assertThat(ResourcePath.parse("/api/v1/namespaces/default"))
        .hasValue(new ResourcePath("", "v1", null, "namespaces", "default", null));
    assertThat(ResourcePath.parse("/api/v1/namespaces"))
        .hasValue(new ResourcePath("", "v1", null, "namespaces", null, null));
  }

  @Test
  void discoveryPathsAreNotResourcePaths() {
    assertThat(ResourcePath.parse("/api/v1")).isEmpty();
    assertThat(ResourcePath.parse("/apis/vmclone.io/v1alpha1")).isEmpty();
    assertThat(ResourcePath.parse("/version")).isEmpty();
  }
}
