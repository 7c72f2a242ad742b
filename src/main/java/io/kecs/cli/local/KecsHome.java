package io.kecs.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The KECS home directory ({@code ~/.kecs} unless {@code --home} / KECS_HOME say otherwise) and the
 * files in it that the {@code kecs} commands share.
 */
public record KecsHome(Path dir) {

  /** The background server's pid, written by {@code kecs start} as soon as it has one. */
  public Path pidFile() {
    return dir.resolve("kecs.pid");
  }

  /** Written by the server once it serves: its endpoints (see {@link RunFile}). */
  public Path runFile() {
    return dir.resolve("kecs.run.json");
  }

  /** The background server's stdout and stderr. */
  public Path logFile() {
    return dir.resolve("kecs.log");
  }

  /** Contexts of the k3d clusters {@code kecs cluster create} made. */
  public Path kubeconfig() {
    return dir.resolve("kubeconfig");
  }

  public Path configFile() {
    return dir.resolve("config.properties");
  }

  public KecsHome create() {
    try {
      Files.createDirectories(dir);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the KECS home " + dir, e);
    }
  }
}
