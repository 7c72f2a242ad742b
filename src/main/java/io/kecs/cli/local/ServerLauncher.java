package io.kecs.cli.local;

import io.kecs.cli.KecsCommand;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code kecs server} as a separate JVM from the same code that runs this command (the jar,
 * or the class path when run from classes), detached from the terminal, its output appended to the
 * KECS home's log.
 */
public final class ServerLauncher {
  /** A log larger than this is moved to {@code kecs.log.1} before the next start. */
  static final long ROTATE_BYTES = 10L * 1024 * 1024;

  private final Map<String, String> env;

  /**
   * @param env the environment of the server process; KECS_JAVA and KECS_JAVA_OPTS choose the JVM
   */
  public ServerLauncher(Map<String, String> env) {
    this.env = env;
  }

  /** The command that runs {@code kecs} with the given arguments in a new JVM. */
  public List<String> command(List<String> kecsArgs) {
    List<String> command = new ArrayList<>();
    String setsid = onPath("setsid");
    if (setsid != null) {
      // Own session: Ctrl-C or a closing terminal after `kecs start` does not reach the server.
      command.add(setsid);
    }
    String java = env.get("KECS_JAVA");
    command.add(
        java != null && !java.isBlank()
            ? java
            : Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A small, long-running server: SerialGC has the smallest footprint.
    command.add("-XX:+UseSerialGC");
    String opts = env.get("KECS_JAVA_OPTS");
    if (opts != null && !opts.isBlank()) {
      command.addAll(List.of(opts.trim().split("\\s+")));
    }
    Path code = codeLocation();
    if (code != null && Files.isRegularFile(code)) {
      command.add("-jar");
      command.add(code.toString());
    } else {
      command.add("--enable-native-access=ALL-UNNAMED"); // what the jar's manifest grants sqlite
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(KecsCommand.class.getName());
    }
    command.addAll(kecsArgs);
    return command;
  }

  /** Starts the command with its output appended to {@code log} (after a header line). */
  public Process launch(List<String> command, Path log) throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    rotate(log);
    Files.writeString(
        log,
        "==== " + Instant.now() + " kecs start: " + String.join(" ", command) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close(); // the server reads nothing from stdin
    return p;
  }

  private static void rotate(Path log) throws IOException {
    if (Files.exists(log) && Files.size(log) > ROTATE_BYTES) {
      Files.move(
          log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private String onPath(String name) {
    String path = env.get("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  private static Path codeLocation() {
    try {
      return Path.of(KecsCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
