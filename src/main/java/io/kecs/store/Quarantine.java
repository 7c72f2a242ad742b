package io.kecs.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Moves unreadable records out of the store into a JSON-lines file next to it (kind, id, problem
 * and the body verbatim), so the server starts with the rest and nothing is thrown away unseen.
 */
public final class Quarantine {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Quarantine() {}

  /** Writes the records to a new file in {@code dataDir}, then deletes them; returns the file. */
  public static Path move(Database db, Path dataDir, List<CorruptRecord> records) {
    Path file =
        dataDir.resolve("quarantine-" + Instant.now().toString().replace(':', '-') + ".jsonl");
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (CorruptRecord r : records) {
        ObjectNode line = JSON.createObjectNode();
        line.put("kind", r.kind());
        line.put("id", r.id());
        line.put("problem", r.problem());
        line.put("body", r.body());
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
      }
    } catch (IOException e) {
      throw new StoreException("Cannot write the quarantine file " + file + ": " + e, e);
    }
    // Only once the file is written: a failure above leaves the store as it was.
    for (CorruptRecord r : records) {
      db.deleteRow(r.kind(), r.id());
    }
    return file;
  }
}
