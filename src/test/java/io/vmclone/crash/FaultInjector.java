package io.vmclone.crash;

import io.vmclone.sandbox.SandboxMockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Errors answered by the mock API server in place of the real answer, for the next {@code times}
 * requests of a method and exact path; every answer is counted, so a scenario can tell that the
 * operator really met them.
 */
final class FaultInjector {

  /** One armed fault. */
  record Fault(String method, String path, int code, int times, AtomicInteger answered) {

    boolean spent() {
      return answered.get() >= times;
    }

    @Override
    public String toString() {
      return method + " " + path + " -> " + code + " (" + answered.get() + "/" + times + ")";
    }
  }

  private final SandboxMockServer mock;
  private final List<Fault> faults = new ArrayList<>();

  FaultInjector(SandboxMockServer mock) {
    this.mock = mock;
  }

  void inject(String method, String path, int code, int times) {
    Fault fault = new Fault(method, path, code, times, new AtomicInteger());
    var expectation = mock.expect();
    var withMethod =
        switch (method) {
          case "GET" -> expectation.get();
          case "POST" -> expectation.post();
          case "PUT" -> expectation.put();
          case "PATCH" -> expectation.patch();
          default -> throw new IllegalArgumentException("no fault for method " + method);
        };
    withMethod
        .withPath(path)
        .andReply(
            code,
            request -> {
              fault.answered().incrementAndGet();
              return status(code);
            })
        .times(times);
    faults.add(fault);
  }

  /** The faults not yet answered as often as armed. */
  List<Fault> unspent() {
    return faults.stream().filter(f -> !f.spent()).toList();
  }

  int answered() {
    return faults.stream().mapToInt(f -> f.answered().get()).sum();
  }

  private static String status(int code) {
    String reason =
        switch (code) {
          case 409 -> "Conflict";
          case 429 -> "TooManyRequests";
          default -> "InternalError";
        };
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\""
        + reason
        + "\",\"code\":"
        + code
        + ",\"message\":\"injected by the crash harness\"}";
  }
}
