package io.kecs.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged jar ({@code kecs.jar}, set by failsafe) as a user runs {@code kecs}: a separate
 * JVM with its own environment.
 */
record JarRun(int exitCode, String out, String err) {

  static JarRun run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    String jar = System.getProperty("kecs.jar", "target/kecs.jar");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar);
    command.addAll(List.of(args));
    Path out = Files.createTempFile("kecs-out", ".txt");
    Path err = Files.createTempFile("kecs-err", ".txt");
    try {
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(3, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("kecs " + String.join(" ", args) + " did not finish");
      }
      return new JarRun(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
