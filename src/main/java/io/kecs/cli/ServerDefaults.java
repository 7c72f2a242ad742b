package io.kecs.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives every {@code kecs server} option (also where {@code kecs start} mixes them in) its value
 * when the flag is absent: environment variable {@code KECS_<NAME>} ({@code --data-dir} ->
 * KECS_DATA_DIR), else the config file, else the option's own default. So the precedence is flag >
 * environment > config file > default, for options added later too, with no per-option code.
 */
final class ServerDefaults implements IDefaultValueProvider {
  /** Options that locate settings rather than being settings. */
  private static final Set<String> NOT_SETTINGS = Set.of("config", "run-file", "help", "version");

  private final CliEnvironment environment;
  private final Path file;
  private final Supplier<Map<String, String>> loader;
  private final Set<String> keys;
  private Map<String, String> fileSettings;

  /**
   * @param file where the config file settings come from, for messages
   * @param loader reads the config file, on first need (only server options need it)
   */
  ServerDefaults(CliEnvironment environment, Path file, Supplier<Map<String, String>> loader) {
    this.environment = environment;
    this.file = file;
    this.loader = loader;
    this.keys = settingKeys();
  }

  /** The setting keys: long option names of {@code kecs server} without the dashes. */
  static Set<String> settingKeys() {
    Set<String> keys = new TreeSet<>();
    for (OptionSpec o : CommandSpec.forAnnotatedObject(new ServerCommand()).options()) {
      String key = o.longestName().replaceFirst("^--", "");
      if (!NOT_SETTINGS.contains(key)) {
        keys.add(key);
      }
    }
    return keys;
  }

  static String envName(String key) {
    return "KECS_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option)) {
      return null;
    }
    String key = option.longestName().replaceFirst("^--", "");
    if (!keys.contains(key)) {
      return null;
    }
    String fromEnv = environment.get(envName(key));
    String value = fromEnv != null ? fromEnv : fileSettings(arg).get(key);
    if (value == null && key.equals("data-dir")) {
      // The one default derived from another setting: the store lives in the KECS home.
      return environment.defaultHome().resolve("data").toString();
    }
    return value;
  }

  private synchronized Map<String, String> fileSettings(ArgSpec arg) {
    if (fileSettings == null) {
      try {
        Map<String, String> loaded = loader.get();
        for (String key : loaded.keySet()) {
          if (!keys.contains(key)) {
            throw new IllegalArgumentException(
                "config file "
                    + file
                    + ": unknown setting '"
                    + key
                    + "' (known: "
                    + String.join(", ", keys)
                    + ")");
          }
        }
        fileSettings = loaded;
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(arg.command().commandLine(), e.getMessage());
      }
    }
    return fileSettings;
  }
}
