package io.vmclone.operator.platform.kubevirt;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The requests a client sends, each as {@code METHOD resource/name} (the path after the namespace),
 * in order: what a test counts a platform's reads and writes with.
 */
final class RequestLog implements Interceptor {

  private final List<String> requests = new CopyOnWriteArrayList<>();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    String path = request.uri().getPath();
    int namespaces = path.indexOf("/namespaces/");
    String relative = path;
    if (namespaces >= 0) {
      int afterNamespace = path.indexOf('/', namespaces + "/namespaces/".length());
      relative = afterNamespace < 0 ? path : path.substring(afterNamespace + 1);
    }
    requests.add(request.method() + " " + relative);
  }

  /** What was sent since the last {@link #clear}. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  void clear() {
    requests.clear();
  }
}
