package io.kecs.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kecs.server.KecsServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The file a background server writes once it serves, saying where: its pid and endpoints. {@code
 * kecs start} waits for it and {@code kecs status} reads it, so even {@code --port 0} works. The
 * server deletes it on a graceful stop; after a crash the pid in it no longer runs.
 */
public final class RunFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the file says. */
  public record Info(long pid, URI endpoint, URI adminEndpoint, Instant startedAt) {}

  private final Path path;
  private final long pid;

  private RunFile(Path path, long pid) {
    this.path = path;
    this.pid = pid;
  }

  /** Writes the file for a server that now serves (atomically: readers never see half a file). */
  public static RunFile of(KecsServer server, Path path) throws IOException {
    long pid = ProcessHandle.current().pid();
    ObjectNode node = JSON.createObjectNode();
    node.put("pid", pid);
    node.put("endpoint", server.endpoint().toString());
    if (server.adminEndpoint() != null) {
      node.put("adminEndpoint", server.adminEndpoint().toString());
    }
    node.put("startedAt", server.startedAt().toString());
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    Files.createDirectories(path.toAbsolutePath().getParent());
    Files.writeString(tmp, node.toString());
    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new RunFile(path, pid);
  }

  /** Removes the file unless another server has written its own meanwhile. */
  public void delete() {
    try {
      if (read(path).map(i -> i.pid() == pid).orElse(false)) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // shutting down: a leftover file names a dead pid, which readers treat as stale
    }
  }

  public static Optional<Info> read(Path path) {
    try {
      if (!Files.exists(path)) {
        return Optional.empty();
      }
      JsonNode n = JSON.readTree(path.toFile());
      return Optional.of(
          new Info(
              n.path("pid").asLong(),
              URI.create(n.path("endpoint").asText()),
              n.hasNonNull("adminEndpoint") ? URI.create(n.get("adminEndpoint").asText()) : null,
              Instant.parse(n.path("startedAt").asText())));
    } catch (IOException | RuntimeException e) {
      return Optional
          .empty(); // unreadable counts as absent: the caller waits or reports "not running"
    }
  }
}
