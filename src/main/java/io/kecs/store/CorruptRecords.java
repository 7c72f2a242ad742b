package io.kecs.store;

import java.util.ArrayList;
import java.util.List;

/**
 * What happens to a stored record a table cannot read back (a hand-edited or damaged row): at start
 * it stops the server with a message naming the record and the way out; {@code kecs store check}
 * and {@code kecs store repair} collect them instead, to list or quarantine.
 */
public final class CorruptRecords {
  private final boolean collect;
  private final List<CorruptRecord> found = new ArrayList<>();

  private CorruptRecords(boolean collect) {
    this.collect = collect;
  }

  /** Unreadable records stop the start with {@link CorruptRecordException}. */
  public static CorruptRecords refuse() {
    return new CorruptRecords(false);
  }

  /** Unreadable records are skipped and listed in {@link #found()}. */
  public static CorruptRecords collect() {
    return new CorruptRecords(true);
  }

  synchronized void report(CorruptRecord record) {
    if (!collect) {
      throw new CorruptRecordException(record);
    }
    found.add(record);
  }

  public synchronized List<CorruptRecord> found() {
    return List.copyOf(found);
  }
}
