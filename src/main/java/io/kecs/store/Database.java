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

  private Database(String url, String location, ResetGate gate) throws SQLException {
    this.location = location;
    this.gate = gate;
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
    try {
      Files.createDirectories(dataDir);
      Path file = dataDir.resolve("kecs.db");
      return new Database("jdbc:sqlite:" + file, file.toString(), gate);
    } catch (Exception e) {
      throw new StoreException("Cannot open the store in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** A private in-memory database: nothing survives the process. */
  public static Database inMemory() {
    return inMemory(new ResetGate());
  }

  /** A private in-memory database whose resets go through {@code gate}. */
  public static Database inMemory(ResetGate gate) {
    try {
      return new Database("jdbc:sqlite::memory:", "memory", gate);
    } catch (SQLException e) {
      throw new StoreException("Cannot open an in-memory store: " + e.getMessage(), e);
    }
  }

  public String location() {
    return location;
  }

  /** Runs SQL work under the connection lock, in one transaction. */
  <T> T write(SqlWork<T> work) {
    lock.lock();
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("Store write failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
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

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("Closing the store failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
