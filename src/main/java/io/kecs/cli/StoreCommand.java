package io.kecs.cli;

import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import io.kecs.store.CorruptRecord;
import io.kecs.store.CorruptRecords;
import io.kecs.store.Quarantine;
import io.kecs.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kecs store check | repair --quarantine}: the way past a record the server cannot read.
 * Both take the store's lock, so they refuse to run next to a server using it.
 */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = "Check the durable store, or move unreadable records out of it.")
final class StoreCommand {
  @Spec CommandSpec spec;

  /** Where the store is; its default comes from the same place as the server's. */
  static final class DataDir {
    @Option(
        names = "--data-dir",
        description =
            "Where the store lives (default: the server's, KECS_DATA_DIR or KECS_HOME/data).")
    Path path;
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = "List every record the server could not read (exit 1 when there is one).")
  int check(@Mixin DataDir dir) {
    List<CorruptRecord> found = load(dir.path, false);
    PrintWriter out = spec.commandLine().getOut();
    for (CorruptRecord r : found) {
      out.printf("corrupt %s %s: %s%n", r.kind(), r.id(), r.problem());
    }
    out.printf(
        "%s: %d unreadable record(s)%s%n",
        dir.path.resolve("kecs.db"),
        found.size(),
        found.isEmpty() ? "" : "; `kecs store repair --quarantine` moves them aside");
    out.flush();
    return found.isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
  }

  @Command(
      name = "repair",
      mixinStandardHelpOptions = true,
      description =
          "Move every unreadable record into quarantine-<time>.jsonl next to the store, so the"
              + " server starts with the rest.")
  int repair(
      @Option(
              names = "--quarantine",
              required = true,
              description = "Quarantine unreadable records (the only repair there is).")
          boolean quarantine,
      @Mixin DataDir dir) {
    List<CorruptRecord> found = load(dir.path, true);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "%s: %d unreadable record(s) quarantined%n", dir.path.resolve("kecs.db"), found.size());
    out.flush();
    return ExitCodes.OK;
  }

  private List<CorruptRecord> load(Path dir, boolean quarantine) {
    if (!Files.isRegularFile(dir.resolve("kecs.db"))) {
      throw new CliFailure("No store in " + dir + " (no kecs.db): nothing to check");
    }
    CorruptRecords corrupt = CorruptRecords.collect();
    ServerConfig config = ServerConfig.builder().port(0).adminPort(-1).dataDir(dir).build();
    try {
      return KecsServer.inspectStore(
          config,
          corrupt,
          db -> {
            List<CorruptRecord> found = corrupt.found();
            if (quarantine && !found.isEmpty()) {
              Path file = Quarantine.move(db, dir, found);
              spec.commandLine().getOut().println("quarantined to " + file);
            }
            return found;
          });
    } catch (StoreException e) {
      throw new CliFailure(e.getMessage());
    }
  }
}
