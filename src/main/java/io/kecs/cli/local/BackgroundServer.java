package io.kecs.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/** The KECS server running in the background for one KECS home, as its files describe it. */
public final class BackgroundServer {
  private final KecsHome home;
  private final PidFile pidFile;

  public BackgroundServer(KecsHome home) {
    this.home = home;
    this.pidFile = new PidFile(home.pidFile(), home.runFile().toString());
  }

  public KecsHome home() {
    return home;
  }

  public PidFile pidFile() {
    return pidFile;
  }

  /** The live server process, if one runs. */
  public Optional<ProcessHandle> process() {
    return pidFile.process();
  }

  /** Where the live server serves, once it has said so (absent while it starts). */
  public Optional<RunFile.Info> runInfo() {
    Optional<ProcessHandle> p = process();
    return p.isEmpty()
        ? Optional.empty()
        : RunFile.read(home.runFile()).filter(i -> i.pid() == p.get().pid());
  }

  /** The pid file names a process that is gone (a crash, a reboot, a {@code kill -9}). */
  public boolean isStale() {
    return pidFile.isStale();
  }

  /** Forgets the server: pid file and run file. */
  public void clear() {
    pidFile.delete();
    try {
      Files.deleteIfExists(home.runFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + home.runFile(), e);
    }
  }
}
