package io.kecs.store;

/**
 * Told after a record change is committed and visible to reads (for live views such as the
 * dashboard). Runs on the writer's thread, so it must be quick and must not write to the store.
 */
@FunctionalInterface
public interface ChangeListener {
  /**
   * @param kind the table's kind ({@code "service"}, {@code "task"}, ...)
   * @param id the record's id (usually its ARN)
   * @param record the record as stored, or null when it was deleted
   */
  void changed(String kind, String id, Object record);
}
