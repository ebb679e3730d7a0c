package io.vmclone.operator.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.vmclone.operator.config.OperatorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables the operator understands, from their sources: {@link OperatorConfig}
 * (each property in its environment form, with its default), the {@code ${NAME}} references of
 * application.properties, and the configuration model every Quarkus extension on the classpath
 * ships in {@code META-INF/quarkus-config-doc/quarkus-config-model.json}.
 */
final class KnownSettings {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

  private KnownSettings() {}

  /** OperatorConfig's properties by environment name, with their default (empty if none). */
  static Map<String, Optional<String>> operatorConfig() {
    Map<String, Optional<String>> settings = new HashMap<>();
    collect(OperatorConfig.class, "vmclone", settings);
    return settings;
  }

  /** The variables application.properties reads, e.g. {@code VMCLONE_DB_URL}. */
  static Set<String> applicationProperties() {
    try {
      String properties =
          Files.readString(Path.of("src", "main", "resources", "application.properties"));
      Set<String> names = new HashSet<>();
      Matcher matcher = REFERENCE.matcher(properties);
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every environment variable of the Quarkus extensions on the classpath. */
  static Set<String> quarkus() {
    Set<String> names = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    try {
      for (URL model :
          Collections.list(
              KnownSettings.class
                  .getClassLoader()
                  .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
        try (InputStream in = model.openStream()) {
          json.readTree(in).findValues("environmentVariable").stream()
              .map(JsonNode::asText)
              .forEach(names::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  static String environmentForm(String property) {
    return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
  }

  private static void collect(
      Class<?> mapping, String prefix, Map<String, Optional<String>> settings) {
    for (Method method : mapping.getDeclaredMethods()) {
      if (method.isDefault() || method.getParameterCount() > 0 || method.isSynthetic()) {
        continue;
      }
      WithName named = method.getAnnotation(WithName.class);
      String property = prefix + "." + (named != null ? named.value() : kebab(method.getName()));
      Class<?> type = method.getReturnType();
      // a group of settings: an interface of the config package (nested or not)
      if (type.isInterface() && type.getPackage().equals(OperatorConfig.class.getPackage())) {
        collect(type, property, settings);
      } else {
        WithDefault fallback = method.getAnnotation(WithDefault.class);
        settings.put(
            environmentForm(property), Optional.ofNullable(fallback).map(WithDefault::value));
      }
    }
  }

  private static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }
}
