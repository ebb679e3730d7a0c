package io.vmclone.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The API server's audit log at level Metadata (who did what to which object, with what answer; no
 * bodies, so no tokens): what tests read to learn which identity made a call, and what the
 * benchmark counts requests with. One JSON event per line, written when the answer is complete.
 */
public final class AuditLog {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One request as the API server saw it; {@code impersonatedUser} is empty (and its groups too)
   * unless {@code user} made the request impersonating someone.
   */
  public record Event(
      String user,
      List<String> groups,
      String verb,
      String uri,
      String resource,
      String subresource,
      String namespace,
      String name,
      int code,
      String userAgent,
      String impersonatedUser,
      List<String> impersonatedGroups) {}

  private final Path file;

  private AuditLog(Path file) {
    this.file = file;
  }

  /**
   * Writes the policy into the folder and returns the log and the kube-apiserver flags that turn it
   * on. Read-only calls of health checks and discovery stay out; everything else is logged once,
   * when the response is complete.
   */
  public static AuditLog in(Path folder, List<String> apiServerArgs) {
    Path policy = folder.resolve("audit-policy.yaml");
    Path log = folder.resolve("logs").resolve("audit.log");
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(
          policy,
          """
          apiVersion: audit.k8s.io/v1
          kind: Policy
          omitStages: [RequestReceived, ResponseStarted]
          rules:
            - level: None
              nonResourceURLs: ["/healthz*", "/readyz*", "/livez*", "/version", "/api", "/api/*", "/apis", "/apis/*", "/openapi/*"]
            - level: Metadata
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    apiServerArgs.add("--audit-policy-file=" + policy);
    apiServerArgs.add("--audit-log-path=" + log);
    apiServerArgs.add("--audit-log-format=json");
    apiServerArgs.add("--audit-log-mode=blocking");
    apiServerArgs.add("--audit-log-maxsize=0");
    return new AuditLog(log);
  }

  /** The log of a control plane started elsewhere in this JVM. */
  static AuditLog at(Path file) {
    return new AuditLog(file);
  }

  public Path file() {
    return file;
  }

  /** Every event logged so far that matches. */
  public List<Event> events(Predicate<Event> filter) {
    List<Event> events = new ArrayList<>();
    if (!Files.exists(file)) {
      return events;
    }
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        Event event = parse(JSON.readTree(line));
        if (filter.test(event)) {
          events.add(event);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return events;
  }

  /** Events read from a point of the log on, and the point after the last of them. */
  public record Slice(List<Event> events, long end) {}

  /** The end of the log now: from here {@link #eventsFrom} reads only what comes later. */
  public long end() {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * The events that match among those logged after the point ({@link #end}, or a slice's end),
   * without reading the log from its start: for long runs that look at it again and again. A line
   * being written is left for the next call.
   */
  public Slice eventsFrom(long point, Predicate<Event> filter) {
    List<Event> events = new ArrayList<>();
    if (!Files.exists(file)) {
      return new Slice(events, point);
    }
    long end = point;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
      in.skipNBytes(point);
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (b != '\n') {
          line.write(b);
          continue;
        }
        end += line.size() + 1;
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (!text.isBlank()) {
          Event event = parse(JSON.readTree(text));
          if (filter.test(event)) {
            events.add(event);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return new Slice(events, end);
  }

  private static Event parse(JsonNode node) {
    JsonNode ref = node.path("objectRef");
    List<String> groups = new ArrayList<>();
    node.path("user").path("groups").forEach(group -> groups.add(group.asText()));
    List<String> impersonatedGroups = new ArrayList<>();
    node.path("impersonatedUser")
        .path("groups")
        .forEach(group -> impersonatedGroups.add(group.asText()));
    return new Event(
        node.path("user").path("username").asText(),
        List.copyOf(groups),
        node.path("verb").asText(),
        node.path("requestURI").asText(),
        ref.path("resource").asText(),
        ref.path("subresource").asText(),
        ref.path("namespace").asText(),
        ref.path("name").asText(),
        node.path("responseStatus").path("code").asInt(),
        node.path("userAgent").asText(),
        node.path("impersonatedUser").path("username").asText(),
        List.copyOf(impersonatedGroups));
  }
}
