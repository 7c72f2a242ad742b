package io.kecs.cli.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kecs.cli.CliFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The {@code k3d} executable: the few of its commands KECS needs. */
final class K3d {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration QUICK = Duration.ofSeconds(60);
  private static final Duration SLOW = Duration.ofMinutes(10);

  private final Tools tools;
  private final Path exe;

  K3d(Tools tools, Path exe) {
    this.tools = tools;
    this.exe = exe;
  }

  List<K3dCluster> list() {
    ToolResult r = run(List.of("cluster", "list", "--output", "json"), QUICK, line -> {});
    try {
      return K3dCluster.parseList(JSON.readTree(r.stdout().isBlank() ? "[]" : r.stdout()));
    } catch (IOException e) {
      throw new CliFailure("cannot read `" + r.command() + "` output: " + e.getMessage());
    }
  }

  Optional<K3dCluster> find(String name) {
    return list().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** Creates a cluster and waits for it; leaves the user's default kubeconfig alone. */
  void create(String name, int agents, Consumer<String> progress) {
    run(
        List.of(
            "cluster",
            "create",
            name,
            "--agents",
            Integer.toString(agents),
            "--wait",
            "--timeout",
            "300s",
            "--kubeconfig-update-default=false",
            "--kubeconfig-switch-context=false"),
        SLOW,
        progress);
  }

  void start(String name, Consumer<String> progress) {
    run(List.of("cluster", "start", name, "--wait", "--timeout", "300s"), SLOW, progress);
  }

  void delete(String name, Consumer<String> progress) {
    run(List.of("cluster", "delete", name), SLOW, progress);
  }

  /**
   * Writes the contexts of the named clusters into {@code file}, merging with what it holds, or
   * rewriting it from scratch when {@code overwrite}.
   */
  void mergeKubeconfig(List<String> names, Path file, boolean overwrite) {
    List<String> args = new ArrayList<>(List.of("kubeconfig", "merge"));
    args.addAll(names);
    args.addAll(List.of("--output", file.toString()));
    if (overwrite) {
      args.add("--overwrite");
    }
    run(args, QUICK, line -> {});
  }

  private ToolResult run(List<String> args, Duration timeout, Consumer<String> progress) {
    ToolResult r = tools.run(exe, args, null, timeout, progress);
    if (!r.ok()) {
      throw new CliFailure("`" + r.command() + "` failed (exit " + r.exitCode() + "):" + r.why());
    }
    return r;
  }
}
