package io.kecs.cli.cluster;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kecs.cli.CliFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads and prunes the kubeconfig in the KECS home that k3d writes contexts into. */
final class KubeconfigFile {
  private KubeconfigFile() {}

  /** The API server URL a context points at. */
  static Optional<String> serverOf(Path file, String context) {
    return read(file)
        .flatMap(
            c ->
                find(c, context)
                    .flatMap(
                        ctx ->
                            c.getClusters().stream()
                                .filter(cl -> cl.getName().equals(ctx.getContext().getCluster()))
                                .map(cl -> cl.getCluster().getServer())
                                .findFirst()));
  }

  static boolean hasContext(Path file, String context) {
    return read(file).flatMap(c -> find(c, context)).isPresent();
  }

  /** Removes a context with its cluster and user; removes the file once it has no context left. */
  static void removeContext(Path file, String context) {
    Optional<Config> read = read(file);
    if (read.isEmpty()) {
      return;
    }
    Config config = read.get();
    Optional<NamedContext> named = find(config, context);
    if (named.isEmpty()) {
      return;
    }
    config.getContexts().remove(named.get());
    config.getClusters().removeIf(c -> c.getName().equals(named.get().getContext().getCluster()));
    config.getUsers().removeIf(u -> u.getName().equals(named.get().getContext().getUser()));
    try {
      if (config.getContexts().isEmpty()) {
        Files.deleteIfExists(file);
        return;
      }
      if (context.equals(config.getCurrentContext())) {
        config.setCurrentContext(config.getContexts().get(0).getName());
      }
      Files.writeString(file, Serialization.asYaml(config));
    } catch (IOException e) {
      throw new CliFailure("cannot update " + file + ": " + e.getMessage());
    }
  }

  private static Optional<NamedContext> find(Config config, String context) {
    return config.getContexts().stream().filter(c -> c.getName().equals(context)).findFirst();
  }

  private static Optional<Config> read(Path file) {
    try {
      return Files.exists(file)
          ? Optional.of(Serialization.unmarshal(Files.readString(file), Config.class))
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      throw new CliFailure("cannot read the kubeconfig " + file + ": " + e.getMessage());
    }
  }
}
