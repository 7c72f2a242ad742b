package io.kecs.store;

import java.nio.file.Path;

/** Another KECS process (or this one) already serves from the data directory. */
public final class StoreLockedException extends StoreException {
  public StoreLockedException(Path dataDir, String holder) {
    super(
        "The store in "
            + dataDir
            + " is in use by another KECS ("
            + holder
            + "). Two servers on one store would overwrite each other's writes: stop that one"
            + " (kecs stop) or give this one another --data-dir / KECS_HOME.",
        null);
  }
}
