package io.kecs.store;

import io.kecs.protocol.AwsJsonCodec;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import software.amazon.awssdk.core.SdkPojo;

/**
 * One kind of record (clusters, task definitions, ...), typed as an SDK model class. Every record
 * is kept in memory in id order, so reads and id-ordered pages never touch the disk; writes go to
 * SQLite first and reach memory only once committed. Ids usually are ARNs, so one scope's records
 * are one contiguous range ({@link #range}).
 */
public final class RecordTable<T extends SdkPojo> {
  private final Database db;
  private final String kind;
  private final Class<T> type;
  private final AwsJsonCodec codec;
  private final ConcurrentSkipListMap<String, T> byId = new ConcurrentSkipListMap<>();

  public RecordTable(Database db, AwsJsonCodec codec, String kind, Class<T> type) {
    this.db = db;
    this.kind = kind;
    this.type = type;
    this.codec = codec;
    codec.wireCache().cacheType(type);
    for (String[] row : db.loadKind(kind)) {
      T record;
      try {
        record = codec.read(row[1].getBytes(StandardCharsets.UTF_8), type);
      } catch (RuntimeException e) {
        db.corrupt().report(new CorruptRecord(kind, row[0], db.location(), row[1], problemOf(e)));
        continue;
      }
      byId.put(row[0], record);
      codec.wireCache().remember(record, row[1]);
    }
    db.onReset(
        () -> {
          byId.values().forEach(codec.wireCache()::forget);
          byId.clear();
        });
  }

  private static String problemOf(RuntimeException e) {
    return e.getMessage() == null
        ? e.getClass().getSimpleName()
        : e.getMessage().replace("JSON request body", "JSON");
  }

  public Optional<T> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Stores a record durably; returns once committed. */
  public T put(String id, T record) {
    String body = new String(codec.write(record), StandardCharsets.UTF_8);
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT OR REPLACE INTO records (kind, id, body) VALUES (?, ?, ?)")) {
            ps.setString(1, kind);
            ps.setString(2, id);
            ps.setString(3, body);
            ps.executeUpdate();
          }
          return null;
        });
    keep(id, record, body);
    return record;
  }

  /** Stores several records in one transaction. */
  public void putAll(Map<String, T> records) {
    if (records.isEmpty()) {
      return;
    }
    Map<String, String> bodies = new java.util.LinkedHashMap<>();
    records.forEach(
        (id, record) -> bodies.put(id, new String(codec.write(record), StandardCharsets.UTF_8)));
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT OR REPLACE INTO records (kind, id, body) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> e : bodies.entrySet()) {
              ps.setString(1, kind);
              ps.setString(2, e.getKey());
              ps.setString(3, e.getValue());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
    for (Map.Entry<String, T> e : records.entrySet()) {
      keep(e.getKey(), e.getValue(), bodies.get(e.getKey()));
    }
  }

  /** Puts a committed record in memory with its wire form; the replaced one's form is dropped. */
  private void keep(String id, T record, String body) {
    T previous = byId.put(id, record);
    if (previous != null && previous != record) {
      codec.wireCache().forget(previous);
    }
    codec.wireCache().remember(record, body);
    db.changed(kind, id, record);
  }

  public void delete(String id) {
    deleteAll(List.of(id));
  }

  public void deleteAll(Collection<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM records WHERE kind = ? AND id = ?")) {
            for (String id : ids) {
              ps.setString(1, kind);
              ps.setString(2, id);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
    for (String id : ids) {
      codec.wireCache().forget(byId.remove(id));
      db.changed(kind, id, null);
    }
  }

  /** Records whose id starts with {@code prefix}, in id order (a live, read-only view). */
  public NavigableMap<String, T> range(String prefix) {
    return java.util.Collections.unmodifiableNavigableMap(
        byId.subMap(prefix, true, prefix + Character.MAX_VALUE, false));
  }

  public Collection<T> all() {
    return java.util.Collections.unmodifiableCollection(byId.values());
  }

  public Class<T> type() {
    return type;
  }
}
