package io.kecs.cli.cluster;

import io.kecs.cli.CliFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The {@code docker} executable: is the daemon up, and kubectl inside a k3d node. */
final class Docker {
  private final Tools tools;
  private final Path exe;

  Docker(Tools tools, Path exe) {
    this.tools = tools;
    this.exe = exe;
  }

  /** The daemon's version, or a failure saying the daemon does not answer. */
  String requireDaemon() {
    ToolResult r =
        tools.run(
            exe,
            List.of("info", "--format", "{{.ServerVersion}}"),
            null,
            Duration.ofSeconds(30),
            line -> {});
    if (!r.ok()) {
      throw new CliFailure(
          "docker is installed but its daemon does not answer (`docker info` failed):"
              + r.why()
              + "\n  Start Docker (`sudo systemctl start docker`, or open Docker Desktop) and retry."
              + "\n  Without a cluster: `kecs start` serves the whole ECS API with simulated tasks.");
    }
    return r.stdout().strip();
  }

  /**
   * Applies manifests with the kubectl that every k3s node carries, so KECS needs no kubectl (nor
   * Kubernetes client set-up) on the host for this.
   */
  void kubectlApply(String container, String yaml) {
    ToolResult r =
        tools.run(
            exe,
            List.of("exec", "-i", container, "kubectl", "apply", "-f", "-"),
            yaml,
            Duration.ofSeconds(60),
            line -> {});
    if (!r.ok()) {
      throw new CliFailure("`" + r.command() + "` failed (exit " + r.exitCode() + "):" + r.why());
    }
  }
}
