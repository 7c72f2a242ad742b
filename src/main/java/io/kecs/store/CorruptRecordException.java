package io.kecs.store;

/** A stored record cannot be read: start-up names it and the commands that get past it. */
public final class CorruptRecordException extends StoreException {
  private final CorruptRecord record;

  public CorruptRecordException(CorruptRecord record) {
    super(
        "Cannot read the "
            + record.kind()
            + " record "
            + record.id()
            + " in "
            + record.file()
            + " ("
            + record.problem()
            + "). Run `kecs store check` to list every unreadable record, and `kecs store repair"
            + " --quarantine` to move them out of the store into a file next to it; the rest of the"
            + " store is intact.",
        null);
    this.record = record;
  }

  public CorruptRecord record() {
    return record;
  }
}
