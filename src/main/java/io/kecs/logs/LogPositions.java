package io.kecs.logs;

import io.kecs.protocol.AwsJsonCodec;
import io.kecs.store.Database;
import io.kecs.store.RecordTable;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;

/**
 * Each stream's shipping position, in the store, so a restarted KECS resumes reading a container's
 * output after the last line it shipped. Keyed by {@code account/region/group/stream}.
 */
final class LogPositions {
  private final RecordTable<KeyValuePair> table;

  LogPositions(Database db, AwsJsonCodec codec) {
    this.table = new RecordTable<>(db, codec, "awslogs-position", KeyValuePair.class);
  }

  static String key(LogDestination.Group group, String stream) {
    return group.account() + "/" + group.region() + "/" + group.name() + "/" + stream;
  }

  Optional<LogPosition> get(String key) {
    return table.get(key).map(kv -> LogPosition.decode(kv.value()));
  }

  void put(String key, LogPosition position) {
    table.put(key, KeyValuePair.builder().name(key).value(position.encode()).build());
  }

  void delete(String key) {
    table.delete(key);
  }
}
