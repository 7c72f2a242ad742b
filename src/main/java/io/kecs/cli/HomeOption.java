package io.kecs.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --home}: where the background server keeps its pid, log, kubeconfig and config file. */
final class HomeOption {
  @Option(
      names = "--home",
      paramLabel = "DIR",
      description =
          "KECS home: pid file, log, kubeconfig, config.properties (default: KECS_HOME, else ~/.kecs).")
  Path home;

  Path resolve(CliEnvironment environment) {
    return home != null ? home : environment.defaultHome();
  }
}
