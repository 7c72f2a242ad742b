package io.kecs.runtime.kubernetes.real;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real control plane of {@code scripts/k8s-testenv.sh}, brought up once per test JVM (or found
 * running) and taken down when the JVM exits if this JVM started it. Where it cannot be had (no Go,
 * the build failed, ...) the tests are skipped with the script's reason, except in CI ({@code
 * CI=true}), where they fail: CI installs what the script needs.
 */
public final class ControlPlane {
  /** A cold build of the control plane takes 10-25 minutes on two cores. */
  private static final Duration UP_LIMIT = Duration.ofMinutes(60);

  private static final Path SCRIPT = Path.of("scripts", "k8s-testenv.sh").toAbsolutePath();
  private static Path kubeconfig;
  private static String failure;

  private ControlPlane() {}

  /**
   * The admin kubeconfig of the running control plane. Aborts the calling test (skipped) when it
   * cannot be started outside CI; fails it in CI.
   */
  public static synchronized Path kubeconfig() {
    if (kubeconfig == null && failure == null) {
      try {
        start();
      } catch (IOException e) {
        failure = e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = "interrupted while starting the control plane";
      }
    }
    if (failure != null) {
      String why = "No real Kubernetes control plane (scripts/k8s-testenv.sh up): " + failure;
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(why);
      }
      Assumptions.abort(why);
    }
    return kubeconfig;
  }

  private static void start() throws IOException, InterruptedException {
    boolean running = run(Duration.ofMinutes(1), "status").exitCode == 0;
    Result up = run(UP_LIMIT, "up");
    if (up.exitCode != 0 && !running) {
      // The script picks free loopback ports below the ephemeral range and then binds them; a
      // process binding a fixed port in between could still take one, so a failed start is
      // retried once from scratch.
      run(Duration.ofMinutes(1), "down");
      up = run(UP_LIMIT, "up");
    }
    List<String> lines = up.output.lines().filter(l -> !l.isBlank()).toList();
    if (up.exitCode != 0 || lines.isEmpty()) {
      failure =
          lines.stream()
              .filter(l -> l.contains("error:"))
              .reduce((a, b) -> b)
              .orElse("exit code " + up.exitCode + ": " + String.join("\n", lines));
      return;
    }
    kubeconfig = Path.of(lines.get(lines.size() - 1));
    if (!running && !"1".equals(System.getenv("KECS_K8S_TESTENV_KEEP"))) {
      Runtime.getRuntime()
          .addShutdownHook(
              Thread.ofPlatform()
                  .unstarted(
                      () -> {
                        try {
                          run(Duration.ofMinutes(1), "down");
                        } catch (IOException | InterruptedException e) {
                          // the JVM is exiting: nothing more to do
                        }
                      }));
    }
  }

  private record Result(int exitCode, String output) {}

  /** Runs the script; its output (stdout and stderr) goes to a file, not a pipe that may fill. */
  private static Result run(Duration limit, String command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("k8s-testenv-" + command, ".log");
    try {
      Process p =
          new ProcessBuilder("bash", SCRIPT.toString(), command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out after " + limit);
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
