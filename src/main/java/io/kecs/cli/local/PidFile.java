package io.kecs.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The background server's pid file. A pid whose process is gone, or now belongs to a program that
 * is not this home's KECS server (pids are reused), is stale: the file is then treated as absent.
 */
public final class PidFile {
  private final Path path;
  private final String marker;

  /**
   * @param marker a string only this home's server has on its command line (its run file path)
   */
  public PidFile(Path path, String marker) {
    this.path = path;
    this.marker = marker;
  }

  public Path path() {
    return path;
  }

  public void write(long pid) {
    try {
      Files.createDirectories(path.toAbsolutePath().getParent());
      Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
      Files.writeString(tmp, pid + "\n");
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  /** The pid written, whether or not it still runs. */
  public Optional<Long> pid() {
    try {
      return Files.exists(path)
          ? Optional.of(Long.parseLong(Files.readString(path).trim()))
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The running KECS process the file names, if any. */
  public Optional<ProcessHandle> process() {
    return pid().flatMap(ProcessHandle::of).filter(Processes::running).filter(this::isOurs);
  }

  /** A pid file exists but names no running KECS. */
  public boolean isStale() {
    return pid().isPresent() && process().isEmpty();
  }

  public void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  /**
   * Whether a live process is this home's server. When the OS does not tell the command line (some
   * containers), the pid is trusted.
   */
  private boolean isOurs(ProcessHandle p) {
    return p.info().commandLine().map(c -> c.contains(marker)).orElse(true);
  }
}
