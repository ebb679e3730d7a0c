package io.vmclone.operator.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The preserved sessions of tasks (one per task), written under the leadership epoch. */
@ApplicationScoped
public class SessionRepository {

  private final Jdbc jdbc;
  private final FencedWrites writes;
  private final ObjectMapper mapper;
  private final Clock clock;

  public SessionRepository(
      DataSource dataSource,
      ObjectMapper mapper,
      Incarnation incarnation,
      LeaderEpoch epoch,
      Clock clock) {
    this.jdbc = new Jdbc(dataSource, mapper);
    this.writes = new FencedWrites(jdbc, epoch, incarnation, clock);
    this.mapper = mapper;
    this.clock = clock;
  }

  public Optional<PreservedSession> find(UUID taskId) {
    return jdbc.inTransaction(c -> select(c, taskId));
  }

  /** Saves the task's session and links the task to it; returns the one saved first. */
  public PreservedSession save(PreservedSession session) {
    return writes.run(
        c -> {
          insert(c, session);
          PreservedSession saved = select(c, session.taskId()).orElseThrow();
          try (PreparedStatement s =
              c.prepareStatement("UPDATE clone_task SET session_id = ? WHERE id = ?")) {
            s.setObject(1, saved.id());
            s.setObject(2, saved.taskId());
            s.executeUpdate();
          }
          return saved;
        });
  }

  private void insert(Connection c, PreservedSession session) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO preserved_session (id, task_id, username, user_uid, groups, mode,"
                + " service_account, token_secret_namespace, token_secret_name, expires_at,"
                + " created_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (task_id) DO NOTHING")) {
      s.setObject(1, session.id());
      s.setObject(2, session.taskId());
      s.setString(3, session.username());
      s.setString(4, session.userUid());
      s.setString(5, jdbc.json(mapper.valueToTree(session.groups())));
      s.setString(6, session.mode().name());
      s.setString(7, session.serviceAccount());
      s.setString(8, session.tokenSecretNamespace());
      s.setString(9, session.tokenSecretName());
      s.setTimestamp(10, Jdbc.timestamp(session.expiresAt()));
      s.setTimestamp(11, Jdbc.timestamp(clock.instant()));
      s.executeUpdate();
    }
  }

  private Optional<PreservedSession> select(Connection c, UUID taskId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, username, user_uid, groups::text, mode, service_account,"
                + " token_secret_namespace, token_secret_name, expires_at"
                + " FROM preserved_session WHERE task_id = ?")) {
      s.setObject(1, taskId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        List<String> groups = new ArrayList<>();
        jdbc.json(r.getString(4)).forEach(group -> groups.add(group.asText()));
        return Optional.of(
            new PreservedSession(
                r.getObject(1, UUID.class),
                taskId,
                r.getString(2),
                r.getString(3),
                groups,
                PreservedSession.Mode.valueOf(r.getString(5)),
                r.getString(6),
                r.getString(7),
                r.getString(8),
                Jdbc.instant(r.getTimestamp(9))));
      }
    }
  }
}
