package io.kecs.cli.cluster;

import io.kecs.cli.CliFailure;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Finds executables on the PATH of the environment the command was given (not the JVM's own, so
 * tests can put stand-ins first) and runs them with that environment.
 */
public final class Tools {
  private final Map<String, String> env;

  public Tools(Map<String, String> env) {
    this.env = env;
  }

  public Optional<Path> find(String name) {
    String path = env.get("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Runs a tool to completion.
   *
   * @param stdin written to the tool's standard input, or null for none
   * @param lines receives each line the tool prints (stdout and stderr) as it comes
   */
  public ToolResult run(
      Path exe, List<String> args, String stdin, Duration timeout, Consumer<String> lines) {
    List<String> command = new ArrayList<>();
    command.add(exe.toString());
    command.addAll(args);
    String shown = exe.getFileName() + " " + String.join(" ", args);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      StringBuilder out = new StringBuilder();
      StringBuilder err = new StringBuilder();
      Thread outReader = Thread.ofVirtual().start(() -> pump(p.getInputStream(), out, lines));
      Thread errReader = Thread.ofVirtual().start(() -> pump(p.getErrorStream(), err, lines));
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        // the tool exited without reading its input; its exit code says what happened
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new CliFailure("`" + shown + "` did not finish within " + timeout.toSeconds() + " s");
      }
      outReader.join();
      errReader.join();
      return new ToolResult(shown, p.exitValue(), out.toString(), err.toString());
    } catch (IOException e) {
      throw new CliFailure("cannot run `" + shown + "`: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure("interrupted while running `" + shown + "`");
    }
  }

  private static void pump(InputStream in, StringBuilder sink, Consumer<String> lines) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (sink) {
          sink.append(line).append('\n');
        }
        lines.accept(line);
      }
    } catch (IOException e) {
      // the tool closed its output; its exit code says the rest
    }
  }
}
