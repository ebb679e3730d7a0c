package io.vmclone.operator.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** SQL reading {@code pruned_clone} rows. Runs inside the caller's transaction. */
final class Tombstones {

  private Tombstones() {}

  static Optional<Tombstone> find(Connection c, String cloneUid) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT task_id, task_state, completed_at, pruned_at FROM pruned_clone"
                + " WHERE clone_uid = ?")) {
      s.setString(1, cloneUid);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Tombstone(
                cloneUid,
                r.getObject(1, UUID.class),
                TaskState.valueOf(r.getString(2)),
                Jdbc.instant(r.getTimestamp(3)),
                Jdbc.instant(r.getTimestamp(4))));
      }
    }
  }
}
