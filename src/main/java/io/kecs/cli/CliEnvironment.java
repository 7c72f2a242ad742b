package io.kecs.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command sees of the outside world: environment variables (settings, PATH for docker and
 * k3d) and where output goes. Tests build their own to run commands in-process.
 */
public record CliEnvironment(Map<String, String> env, PrintWriter out, PrintWriter err) {

  public CliEnvironment {
    env = Map.copyOf(env);
  }

  public static CliEnvironment system() {
    return new CliEnvironment(
        System.getenv(),
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8));
  }

  /** A variable, or null when unset or empty (an empty KECS_PORT means "not set"). */
  public String get(String name) {
    String v = env.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  /** Where KECS keeps its files when {@code --home} is not given: KECS_HOME, else ~/.kecs. */
  public Path defaultHome() {
    String home = get("KECS_HOME");
    return home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".kecs");
  }
}
