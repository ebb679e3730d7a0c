package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.vmclone.testing.KubeVirtKind;
import io.vmclone.testing.KubeVirtObjects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes real optimistic-locking conflicts: just before the client under test sends a PUT of the
 * armed object, another writer changes that object (an annotation), so the PUT carries a stale
 * resourceVersion and the API server answers 409. Armed for a number of PUTs at a time.
 */
final class ConflictingWrites implements Interceptor {

  private final KubeVirtObjects otherWriter;
  private final AtomicInteger remaining = new AtomicInteger();
  private volatile String namespace;
  private volatile String name;

  ConflictingWrites(KubeVirtObjects otherWriter) {
    this.otherWriter = otherWriter;
  }

  /** The next {@code times} PUTs of that VM meet a concurrent change. */
  void arm(String namespace, String name, int times) {
    this.namespace = namespace;
    this.name = name;
    remaining.set(times);
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    String path = request.uri().getPath();
    boolean target =
        "PUT".equals(request.method())
            && path.endsWith("/namespaces/" + namespace + "/virtualmachines/" + name);
    if (target && remaining.getAndDecrement() > 0) {
      ObjectNode patch = JsonNodeFactory.instance.objectNode();
      patch
          .putObject("metadata")
          .putObject("annotations")
          .put("test.vmclone.io/concurrent-write", Integer.toString(remaining.get()));
      otherWriter.mergePatch(KubeVirtKind.VIRTUAL_MACHINE, namespace, name, patch);
    }
  }
}
