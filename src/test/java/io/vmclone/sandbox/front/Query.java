package io.vmclone.sandbox.front;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The parameters of a request's query string, decoded, in their original order. */
public record Query(List<Map.Entry<String, String>> parameters) {

  public Query {
    parameters = List.copyOf(parameters);
  }

  static Query parse(String rawQuery) {
    List<Map.Entry<String, String>> parameters = new ArrayList<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        String key = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        parameters.add(Map.entry(decode(key), decode(value)));
      }
    }
    return new Query(parameters);
  }

  public Optional<String> first(String key) {
    return parameters.stream()
        .filter(parameter -> parameter.getKey().equals(key))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** True for {@code watch=true} and {@code watch=1}, as the API server reads it. */
  boolean isWatch() {
    return first("watch").map(value -> value.equals("true") || value.equals("1")).orElse(false);
  }

  Query without(Set<String> keys) {
    return new Query(
        parameters.stream().filter(parameter -> !keys.contains(parameter.getKey())).toList());
  }

  Query only(Set<String> keys) {
    return new Query(
        parameters.stream().filter(parameter -> keys.contains(parameter.getKey())).toList());
  }

  Query with(String key, String value) {
    List<Map.Entry<String, String>> more = new ArrayList<>(parameters);
    more.add(Map.entry(key, value));
    return new Query(more);
  }

  /** The encoded query string, empty when there are no parameters. */
  String encode() {
    return parameters.stream()
        .map(parameter -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
