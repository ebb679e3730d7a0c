package io.vmclone.operator.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** SQL for the {@code leadership} row. Runs inside the caller's transaction. */
final class LeadershipRows {

  private LeadershipRows() {}

  /** Takes the next epoch for the holder and returns it. */
  static long acquire(Connection c, String holder, UUID incarnation, Instant now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE leadership SET epoch = epoch + 1, holder = ?, incarnation = ?, acquired_at = ?"
                + " WHERE id = 1 RETURNING epoch")) {
      s.setString(1, holder);
      s.setObject(2, incarnation);
      s.setTimestamp(3, Jdbc.timestamp(now));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /**
   * The current epoch, share-locked until the transaction ends so that a new leader's increment
   * waits for writes that checked the old one.
   */
  static long current(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement("SELECT epoch FROM leadership WHERE id = 1 FOR SHARE");
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }
}
