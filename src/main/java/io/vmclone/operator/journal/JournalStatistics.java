package io.vmclone.operator.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;

/**
 * Counts for the metrics, read in one short query that the partial indexes on active tasks and
 * pending journals keep cheap. A read, not a fenced write: every replica may ask, leader or not.
 */
@ApplicationScoped
public class JournalStatistics {

  static final int QUERY_TIMEOUT_SECONDS = 2;

  private final Jdbc jdbc;

  public JournalStatistics(DataSource dataSource, ObjectMapper mapper) {
    this.jdbc = new Jdbc(dataSource, mapper);
  }

  /**
   * The counts now.
   *
   * @throws JournalUnavailableException if the database cannot answer
   */
  public JournalCounts counts() {
    return jdbc.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT (SELECT count(*) FROM clone_task WHERE state IN ('QUEUED', 'RUNNING')),"
                      + " (SELECT count(*) FROM workflow_journal WHERE state = 'PENDING'"
                      + " AND recovering_since IS NOT NULL),"
                      + " (SELECT count(*) FROM (SELECT DISTINCT entity_kind, namespace, name"
                      + " FROM entity_flag WHERE in_recovery) e)")) {
            s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              return new JournalCounts(r.getLong(1), r.getLong(2), r.getLong(3));
            }
          }
        });
  }
}
