package io.kecs.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which members of a model shape are required. The SDK model classes do not say, so the list is
 * taken from the service model into {@code aws/required/<model package>.txt} (see
 * scripts/extract-required-members.py): one line per shape, its name then its required members.
 */
final class RequiredMembers {
  private static final Map<String, Map<String, List<String>>> BY_PACKAGE =
      new ConcurrentHashMap<>();

  private RequiredMembers() {}

  static List<String> of(Class<?> pojoClass) {
    Map<String, List<String>> shapes =
        BY_PACKAGE.computeIfAbsent(pojoClass.getPackageName(), RequiredMembers::load);
    return shapes.getOrDefault(pojoClass.getSimpleName(), List.of());
  }

  private static Map<String, List<String>> load(String packageName) {
    Map<String, List<String>> shapes = new HashMap<>();
    InputStream in =
        RequiredMembers.class.getResourceAsStream("/aws/required/" + packageName + ".txt");
    if (in == null) {
      return shapes;
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] parts = line.trim().split("\\s+");
          shapes.put(parts[0], List.of(parts).subList(1, parts.length));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return shapes;
  }
}
