package io.kecs.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.LoggerFactory;

/**
 * The SQLite database behind every table. One connection, guarded by one lock: SQLite has a single
 * writer anyway, and reads are served from each table's memory view. WAL with synchronous=NORMAL
 * keeps every committed write across a process crash ({@code kill -9}); only an OS crash can lose
 * the last commits.
 */
public final class Database implements AutoCloseable {
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private final ResetGate gate;
  private final List<Runnable> resetListeners = new ArrayList<>();
  private final List<ChangeListener> changeListeners = new CopyOnWriteArrayList<>();
  private final String location;
  private final StoreLock claim;
  private final CorruptRecords corrupt;

  private Database(
      String url, String location, ResetGate gate, StoreLock claim, CorruptRecords corrupt)
      throws SQLException {
    this.location = location;
    this.gate = gate;
    this.claim = claim;
    this.corrupt = corrupt;
    this.connection = DriverManager.getConnection(url);
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=NORMAL");
      s.execute("PRAGMA busy_timeout=5000");
    }
    Migrations.apply(connection);
  }

  /** A database file under {@code dataDir}, created if absent. */
  public static Database open(Path dataDir) {
    return open(dataDir, new ResetGate());
  }

  /** A database file under {@code dataDir} whose resets go through {@code gate}. */
  public static Database open(Path dataDir, ResetGate gate) {
    return open(dataDir, gate, CorruptRecords.refuse());
  }

  /**
   * A database file under {@code dataDir}, claimed for this process until {@link #close()} (another
   * claim fails with {@link StoreLockedException}); unreadable records go to {@code corrupt}.
   */
  public static Database open(Path dataDir, ResetGate gate, CorruptRecords corrupt) {
    if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
      throw new StoreException(
          "The data directory "
              + dataDir
              + " is a file, not a directory: move that file away or pick another --data-dir"
              + " (KECS_HOME)",
          null);
    }
    try {
      Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new StoreException(
          "Cannot create the data directory " + dataDir + ": " + describe(e), e);
    }
    StoreLock claim = StoreLock.acquire(dataDir);
    Path file = dataDir.resolve("kecs.db");
    try {
      return new Database("jdbc:sqlite:" + file, file.toString(), gate, claim, corrupt);
    } catch (SQLException | RuntimeException e) {
      claim.close();
      throw new StoreException("Cannot open the store " + file + ": " + e.getMessage(), e);
    }
  }

  private static String describe(java.io.IOException e) {
    return e instanceof java.nio.file.AccessDeniedException
        ? "permission denied"
        : e instanceof java.nio.file.FileSystemException f && f.getReason() != null
            ? f.getReason()
            : e.toString();
  }

  /** A private in-memory database: nothing survives the process. */
  public static Database inMemory() {
    return inMemory(new ResetGate());
  }

  /** A private in-memory database whose resets go through {@code gate}. */
  public static Database inMemory(ResetGate gate) {
    try {
      return new Database("jdbc:sqlite::memory:", "memory", gate, null, CorruptRecords.refuse());
    } catch (SQLException e) {
      throw new StoreException("Cannot open an in-memory store: " + e.getMessage(), e);
    }
  }

  public String location() {
    return location;
  }

  /** Records where this process serves in the data directory's lock, for a second server. */
  public void serving(String endpoint) {
    if (claim != null) {
      claim.serving(endpoint);
    }
  }

  /**
   * Runs SQL work under the connection lock, in one transaction. The transaction is opened and
   * closed with plain SQL while the driver stays in auto-commit mode, so a transaction SQLite ended
   * on its own (it rolls back on SQLITE_FULL and SQLITE_IOERR) leaves no driver state behind to
   * mask the real error or to break the next write. The first failure is the one reported; a
   * failing ROLLBACK after it is only attached as suppressed.
   */
  <T> T write(SqlWork<T> work) {
    lock.lock();
    try (Statement tx = connection.createStatement()) {
      tx.execute("BEGIN IMMEDIATE");
      try {
        T result = work.run(connection);
        tx.execute("COMMIT");
        return result;
      } catch (SQLException | RuntimeException e) {
        undo(tx, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("Store write failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private void undo(Statement tx, Exception cause) {
    try {
      tx.execute("ROLLBACK");
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  <T> T read(SqlWork<T> work) {
    lock.lock();
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException("Store read failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Registers derived in-memory state to drop when the store is reset. */
  public void onReset(Runnable listener) {
    resetListeners.add(listener);
  }

  /** Registers a listener told of every committed record change of every table. */
  public void onChange(ChangeListener listener) {
    changeListeners.add(listener);
  }

  /** Tells the change listeners; a failing listener never fails the write that was committed. */
  void changed(String kind, String id, Object record) {
    for (ChangeListener l : changeListeners) {
      try {
        l.changed(kind, id, record);
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(Database.class).warn("Change listener failed", e);
      }
    }
  }

  /** Wipes every record of every table (the test-isolation reset). */
  public void reset() {
    gate.exclusive(
        () -> {
          write(
              c -> {
                try (Statement s = c.createStatement()) {
                  s.executeUpdate("DELETE FROM records");
                }
                return null;
              });
          resetListeners.forEach(Runnable::run);
        });
  }

  /** What keeps a reset apart from all other work on the state. */
  public ResetGate gate() {
    return gate;
  }

  /** Rows of one kind, for loading a table's memory view at start. */
  List<String[]> loadKind(String kind) {
    return read(
        c -> {
          List<String[]> rows = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement("SELECT id, body FROM records WHERE kind = ?")) {
            ps.setString(1, kind);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(new String[] {rs.getString(1), rs.getString(2)});
              }
            }
          }
          return rows;
        });
  }

  /** Where a table sends a record it cannot read. */
  CorruptRecords corrupt() {
    return corrupt;
  }

  /** Removes one row, whatever its body (for quarantining a corrupt record). */
  void deleteRow(String kind, String id) {
    write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM records WHERE kind = ? AND id = ?")) {
            ps.setString(1, kind);
            ps.setString(2, id);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("Closing the store failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
      if (claim != null) {
        claim.close();
      }
    }
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
