package io.kecs.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kecs} command. */
@Command(
    name = "kecs",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Amazon ECS-compatible control plane that runs without AWS.",
    subcommands = {
      ServerCommand.class,
      StartCommand.class,
      StopCommand.class,
      StatusCommand.class,
      LogsCommand.class,
      ClusterCommand.class,
      StoreCommand.class,
      AgentCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  failure (the message says what failed and what to do)",
      "  2  usage error: unknown option, bad value, bad config file",
      "  3  `kecs status`: KECS is not running; `kecs server`: the runtime cannot be reached",
      "",
      "Server settings: flag > KECS_* environment variable > config file > default"
          + " (see `kecs server --help`)."
    })
public final class KecsCommand implements Runnable {
  private final CliEnvironment environment;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  KecsCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  CliEnvironment environment() {
    return environment;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(execute(CliEnvironment.system(), args));
  }

  /** Runs one {@code kecs} command line; returns its exit code (see {@link ExitCodes}). */
  public static int execute(CliEnvironment environment, String... args) {
    return commandLine(environment, args).execute(args);
  }

  /** The configured command line for {@code args} (the config file depends on them). */
  static CommandLine commandLine(CliEnvironment environment, String... args) {
    ConfigFile config = ConfigFile.locate(args, environment);
    return commandLine(environment, new ServerDefaults(environment, config.path(), config::load));
  }

  static CommandLine commandLine(CliEnvironment environment, ServerDefaults defaults) {
    CommandLine cli = new CommandLine(new KecsCommand(environment));
    cli.setOut(environment.out());
    cli.setErr(environment.err());
    cli.setDefaultValueProvider(defaults);
    // A usage error says what was wrong and where help is, without pages of usage that push the
    // message off the screen (or out of the log tail `kecs start` shows).
    cli.setParameterExceptionHandler(
        (e, args) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println("kecs: " + e.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
          err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          err.flush();
          return ExitCodes.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("kecs: " + messageOf(e));
          if (environment.get("KECS_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
          }
          commandLine.getErr().flush();
          return e instanceof CliFailure f ? f.exitCode() : ExitCodes.ERROR;
        });
    return cli;
  }

  private static String messageOf(Exception e) {
    if (e instanceof CliFailure) {
      return e.getMessage();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getMessage() == null) {
      root = root.getCause();
    }
    return "error: " + root + " (KECS_DEBUG=1 shows the stack trace)";
  }
}
