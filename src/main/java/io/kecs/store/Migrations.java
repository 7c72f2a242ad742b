package io.kecs.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Schema versions, applied in order at start. The version lives in SQLite's {@code user_version}; a
 * database newer than this build is refused rather than damaged.
 */
final class Migrations {
  private static final List<String> STEPS =
      List.of(
          // 1: every aggregate's records, keyed by kind and id (usually the ARN), body = awsJson.
          "CREATE TABLE records (kind TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL,"
              + " PRIMARY KEY (kind, id)) WITHOUT ROWID");

  private Migrations() {}

  static void apply(Connection c) throws SQLException {
    int current;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      current = rs.next() ? rs.getInt(1) : 0;
    }
    if (current > STEPS.size()) {
      throw new SQLException(
          "The store has schema version "
              + current
              + ", newer than this KECS ("
              + STEPS.size()
              + ")");
    }
    for (int v = current; v < STEPS.size(); v++) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate(STEPS.get(v));
        s.executeUpdate("PRAGMA user_version = " + (v + 1));
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  static int latestVersion() {
    return STEPS.size();
  }
}
