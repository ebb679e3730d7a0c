package io.vmclone.sandbox.front;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Requests on resources: runs admission hooks on writes, forwards to the mock, then does what the
 * mock cannot: field selectors, merge patches that replace arrays and patches served as updates
 * ({@link PatchUpdates}), proper error Statuses, typed list kinds, and tables. Watches go to the
 * {@link WatchBridge}.
 */
final class ResourceHandler {

  static final String TABLE_CONTENT_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io";

  private final ResourceCatalog catalog;
  private final MockProxy proxy;
  private final WatchBridge watches;
  private final TablePrinter printer;
  private final List<AdmissionHook> hooks;
  private final ObjectMapper mapper;
  private final PatchUpdates patches;

  ResourceHandler(
      ResourceCatalog catalog,
      MockProxy proxy,
      WatchBridge watches,
      TablePrinter printer,
      List<AdmissionHook> hooks,
      ObjectMapper mapper) {
    this.catalog = catalog;
    this.proxy = proxy;
    this.watches = watches;
    this.printer = printer;
    this.hooks = List.copyOf(hooks);
    this.mapper = mapper;
    this.patches = new PatchUpdates(proxy, mapper);
  }

  void handle(HttpExchange exchange, FrontRequest request, ResourcePath path) throws IOException {
    Optional<ResourceType> type = catalog.find(path.group(), path.version(), path.plural());
    FieldSelector selector;
    try {
      selector = FieldSelector.parse(request.query().first("fieldSelector").orElse(null));
    } catch (IllegalArgumentException invalid) {
      Exchanges.send(exchange, Statuses.failure(400, "BadRequest", invalid.getMessage()));
      return;
    }
    if (request.method().equals("GET") && request.query().isWatch()) {
      watch(exchange, request, type, selector);
      return;
    }
    Exchanges.send(exchange, answer(request, path, type, selector));
  }

  private void watch(
      HttpExchange exchange,
      FrontRequest request,
      Optional<ResourceType> type,
      FieldSelector selector)
      throws IOException {
    List<PrinterColumn> columns = columns(type);
    TablePrinter.IncludeObject include = TablePrinter.IncludeObject.fromQuery(request.query());
    boolean table = request.wantsTable();
    watches.stream(
        exchange,
        request,
        table ? TABLE_CONTENT_TYPE : FrontResponse.JSON,
        (eventType, object) ->
            !selector.matches(object)
                ? Optional.empty()
                : Optional.of(table ? printer.single(columns, object, include) : object));
  }

  private FrontResponse answer(
      FrontRequest request, ResourcePath path, Optional<ResourceType> type, FieldSelector selector)
      throws IOException {
    FrontRequest forwarded = request.withQuery(request.query().without(Set.of("fieldSelector")));
    if (!request.method().equals("GET")) {
      if (request.query().first("dryRun").isPresent()) {
        return Statuses.failure(
            400, "BadRequest", "the sandbox API server cannot do a server-side dry run");
      }
      if (path.isCollection() && !selector.isEverything()) {
        return Statuses.failure(
            400, "BadRequest", "the sandbox API server cannot delete by field selector");
      }
      // The mock reads a path with a query string (?fieldManager=...) as not ending in /status
      // and then drops a status patch; of the write parameters it only uses labelSelector.
      forwarded = forwarded.withQuery(request.query().only(Set.of("labelSelector")));
    }
    FrontResponse response =
        PatchUpdates.isObjectPatch(request, path)
            ? patches.send(forwarded, update -> admitAndForward(update, path))
            : admitAndForward(forwarded, path);
    if (!response.isSuccess() && !response.hasBody()) {
      String plural = type.map(ResourceType::qualifiedPlural).orElse(path.plural());
      return Statuses.forEmptyError(response.status(), path, plural);
    }
    if (!response.isSuccess() || !request.method().equals("GET") || !response.hasBody()) {
      return response;
    }
    return shapeRead(request, path, type, selector, mapper.readTree(response.body()));
  }

  private FrontResponse admitAndForward(FrontRequest request, ResourcePath path)
      throws IOException {
    FrontRequest admitted = request;
    if (request.isWrite()) {
      for (AdmissionHook hook : hooks) {
        AdmissionHook.Outcome outcome = hook.review(path, admitted);
        if (outcome instanceof AdmissionHook.Denied denied) {
          return Statuses.failure(denied.code(), denied.reason(), denied.message());
        }
        admitted = ((AdmissionHook.Allowed) outcome).request();
      }
    }
    return proxy.forward(admitted);
  }

  private FrontResponse shapeRead(
      FrontRequest request,
      ResourcePath path,
      Optional<ResourceType> type,
      FieldSelector selector,
      JsonNode body) {
    boolean collection = path.isCollection() && body.has("items");
    if (collection) {
      body = typedList((ObjectNode) body, type, selector);
    }
    if (!request.wantsTable()) {
      return FrontResponse.json(200, body);
    }
    List<PrinterColumn> columns = columns(type);
    TablePrinter.IncludeObject include = TablePrinter.IncludeObject.fromQuery(request.query());
    ObjectNode table =
        collection ? printer.list(columns, body, include) : printer.single(columns, body, include);
    return new FrontResponse(
        200,
        TABLE_CONTENT_TYPE,
        table.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Drops items the field selector rejects and names the list as a real server does. */
  private ObjectNode typedList(
      ObjectNode list, Optional<ResourceType> type, FieldSelector selector) {
    if (!selector.isEverything()) {
      ArrayNode kept = mapper.createArrayNode();
      list.path("items")
          .forEach(
              item -> {
                if (selector.matches(item)) {
                  kept.add(item);
                }
              });
      list.set("items", kept);
    }
    type.ifPresent(
        known -> {
          list.put("apiVersion", known.groupVersion());
          list.put("kind", known.kind() + "List");
        });
    return list;
  }

  private static List<PrinterColumn> columns(Optional<ResourceType> type) {
    return type.map(ResourceType::columns).orElse(List.of(PrinterColumn.age()));
  }
}
