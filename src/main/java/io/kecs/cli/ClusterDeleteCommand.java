package io.kecs.cli;

import io.kecs.cli.cluster.LocalClusters;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kecs cluster delete}: idempotent, like {@code kecs stop}. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description =
        "Delete a k3d cluster and its context in <home>/kubeconfig. Succeeds when it does not exist.")
final class ClusterDeleteCommand implements Callable<Integer> {
  @ParentCommand ClusterCommand cluster;
  @Mixin HomeOption home;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print nothing but errors.")
  boolean quiet;

  @Parameters(
      arity = "0..1",
      paramLabel = "NAME",
      defaultValue = LocalClusters.DEFAULT_NAME,
      description = "Cluster name (default: ${DEFAULT-VALUE}).")
  String name;

  @Override
  public Integer call() {
    CliEnvironment env = cluster.environment();
    boolean existed = cluster.clusters(home).delete(name, new Progress(env.err(), quiet, 2));
    if (!quiet) {
      env.out()
          .println(existed ? "Cluster " + name + " deleted." : "No cluster named " + name + ".");
      env.out().flush();
    }
    return ExitCodes.OK;
  }
}
