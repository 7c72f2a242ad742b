package io.kecs.cli;

import io.kecs.cli.cluster.LocalClusters;
import io.kecs.cli.cluster.Tools;
import io.kecs.cli.local.KecsHome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code kecs cluster}: local k3d clusters to run KECS tasks on. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = {
      "Local Kubernetes clusters (k3d) for KECS to run tasks on. Needs docker and k3d on the PATH.",
      "`kecs start --k3d` does `cluster create` itself; these commands manage clusters directly."
    },
    subcommands = {
      ClusterCreateCommand.class,
      ClusterDeleteCommand.class,
      ClusterListCommand.class,
      ClusterInfoCommand.class
    })
final class ClusterCommand implements Runnable {
  @ParentCommand KecsCommand kecs;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin HomeOption home;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  CliEnvironment environment() {
    return kecs.environment();
  }

  LocalClusters clusters(HomeOption subcommandHome) {
    HomeOption chosen = subcommandHome.home != null ? subcommandHome : home;
    return new LocalClusters(
        new Tools(environment().env()), new KecsHome(chosen.resolve(environment())));
  }

  KecsHome kecsHome(HomeOption subcommandHome) {
    HomeOption chosen = subcommandHome.home != null ? subcommandHome : home;
    return new KecsHome(chosen.resolve(environment()));
  }
}
