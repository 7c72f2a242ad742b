package io.kecs.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The optional server config file: Java properties whose keys are the long option names of {@code
 * kecs server} without dashes ({@code port=4566}, {@code data-dir=/var/lib/kecs}). Found through
 * {@code --config FILE}, else {@code KECS_CONFIG}, else {@code config.properties} in the KECS home.
 *
 * @param explicit named by the user, so a missing file is an error rather than "no file"
 */
record ConfigFile(Path path, boolean explicit) {

  /**
   * Locates the file before picocli parses (the file feeds the defaults picocli applies while
   * parsing), so this scans the raw arguments for {@code --config} and {@code --home}.
   */
  static ConfigFile locate(String[] args, CliEnvironment environment) {
    String named = optionValue(args, "--config");
    if (named == null) {
      named = environment.get("KECS_CONFIG");
    }
    if (named != null) {
      return new ConfigFile(Path.of(named), true);
    }
    String home = optionValue(args, "--home");
    Path dir = home != null ? Path.of(home) : environment.defaultHome();
    return new ConfigFile(dir.resolve("config.properties"), false);
  }

  /** Settings by key, in key order; empty when there is no file and none was asked for. */
  Map<String, String> load() {
    if (!Files.exists(path)) {
      if (explicit) {
        throw new IllegalArgumentException("config file " + path + " does not exist");
      }
      return Map.of();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file " + path + ": " + e.getMessage());
    }
    Map<String, String> settings = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> settings.put(k.trim(), p.getProperty(k).trim()));
    return settings;
  }

  private static String optionValue(String[] args, String name) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        return null;
      }
      if (args[i].startsWith(name + "=")) {
        return args[i].substring(name.length() + 1);
      }
      if (args[i].equals(name) && i + 1 < args.length) {
        return args[i + 1];
      }
    }
    return null;
  }
}
