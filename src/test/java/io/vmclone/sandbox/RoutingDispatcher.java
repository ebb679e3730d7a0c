package io.vmclone.sandbox;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The mock's dispatcher: the first {@link MockApi} that answers a request gets it, everything else
 * goes to the fabric8 dispatcher (expectations, then the CRUD store). Observers see every request
 * first (the benchmark counts the operators' requests).
 */
final class RoutingDispatcher extends Dispatcher {

  private final Dispatcher store;
  private final List<MockApi> apis = new CopyOnWriteArrayList<>();
  private final List<Consumer<RecordedRequest>> observers = new CopyOnWriteArrayList<>();

  RoutingDispatcher(Dispatcher store) {
    this.store = store;
  }

  void add(MockApi api) {
    apis.add(api);
  }

  void observe(Consumer<RecordedRequest> observer) {
    observers.add(observer);
  }

  Dispatcher store() {
    return store;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    observers.forEach(observer -> observer.accept(request));
    String path = withoutQuery(request.getPath());
    for (MockApi api : apis) {
      if (api.answers(request.getMethod(), path)) {
        return api.answer(request);
      }
    }
    return store.dispatch(request);
  }

  @Override
  public void shutdown() {
    store.shutdown();
  }

  static String withoutQuery(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }
}
