package io.kecs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kecs} command. */
@Command(
    name = "kecs",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Amazon ECS-compatible control plane that runs without AWS.",
    subcommands = {ServerCommand.class})
public final class KecsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new KecsCommand()).execute(args));
  }
}
