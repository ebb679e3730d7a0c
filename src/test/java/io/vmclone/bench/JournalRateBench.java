package io.vmclone.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.vmclone.crash.CaseDatabase;
import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.Incarnation;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.journal.LeaderEpoch;
import io.vmclone.operator.journal.NewTask;
import io.vmclone.operator.workflow.action.ActionNames;
import io.vmclone.testing.PostgresServer;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * The raw rate of the journal's own transactions on the benchmark's PostgreSQL: the operator's
 * {@link JournalRepository} (fenced writes, epoch check, entry numbering) over an Agroal pool
 * configured as the operator's (validation on borrow, the same statement timeout), each writer
 * running a clone's journal shape on tasks of its own: for each of the nine actions a STARTED and a
 * DONE entry, then the commit. Tasks are opened before the clock starts.
 */
final class JournalRateBench {

  /** The transactions the write protocol needs per clone: two per action and the commit. */
  static final int TRANSACTIONS_PER_CLONE = 2 * ActionNames.IN_ORDER.size() + 1;

  private final ObjectMapper mapper = new ObjectMapper();
  private final PostgresServer postgres;
  private final Duration window;
  private final AtomicInteger clones = new AtomicInteger();

  JournalRateBench(PostgresServer postgres, Duration window) {
    this.postgres = postgres;
    this.window = window;
  }

  /** Transactions per second of one repetition with the given number of concurrent writers. */
  double measure(int writers) throws Exception {
    CaseDatabase database = CaseDatabase.on(postgres, "rate" + writers);
    try (AgroalDataSource pool = pool(database, writers)) {
      Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
      LeaderEpoch epoch = new LeaderEpoch();
      epoch.becomeLeader("bench");
      JournalRepository journal =
          new JournalRepository(pool, mapper, new Incarnation(), epoch, Clock.systemUTC());
      journal.checkLeadership();
      int perWriter = (int) Math.max(50, window.toSeconds() * 60);
      List<List<UUID>> tasks = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        tasks.add(open(journal, perWriter));
      }
      return run(journal, tasks);
    }
  }

  private double run(JournalRepository journal, List<List<UUID>> tasks) throws Exception {
    return ConcurrentWriters.rate(tasks.size(), w -> () -> write(journal, tasks.get(w)));
  }

  /** Runs whole clones' journals until the window is over; the transactions it committed. */
  private int write(JournalRepository journal, List<UUID> tasks) {
    long deadline = System.nanoTime() + window.toNanos();
    int transactions = 0;
    for (UUID task : tasks) {
      if (System.nanoTime() > deadline) {
        break;
      }
      for (String action : ActionNames.IN_ORDER) {
        journal.append(task, action, EntryState.STARTED, null, null);
        journal.append(task, action, EntryState.DONE, doneData(action), "done");
      }
      journal.commit(task, mapper.createObjectNode().put("targetName", "bench"));
      transactions += TRANSACTIONS_PER_CLONE;
    }
    return transactions;
  }

  private List<UUID> open(JournalRepository journal, int count) {
    List<UUID> ids = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < count; i++) {
      String uid = UUID.randomUUID().toString();
      ObjectNode spec = mapper.createObjectNode();
      spec.putObject("source").put("kind", "VirtualMachine").put("name", "vm");
      ids.add(
          journal
              .openTask(
                  new NewTask(
                      "default",
                      "rate-" + clones.incrementAndGet(),
                      uid,
                      now,
                      now.plus(Duration.ofHours(6)),
                      3,
                      spec))
              .id());
    }
    return ids;
  }

  /** About what real actions keep for their undo: a few names. */
  private ObjectNode doneData(String action) {
    ObjectNode data = mapper.createObjectNode().put("action", action);
    data.putArray("created").add("vmclone-0123abcd-" + action.toLowerCase());
    return data;
  }

  private static AgroalDataSource pool(CaseDatabase database, int writers) throws SQLException {
    AgroalDataSourceConfigurationSupplier config =
        new AgroalDataSourceConfigurationSupplier()
            .connectionPoolConfiguration(
                pool ->
                    pool.maxSize(writers + 1)
                        .acquisitionTimeout(Duration.ofSeconds(5))
                        .validateOnBorrow(true)
                        .connectionValidator(ConnectionValidator.defaultValidator())
                        .connectionFactoryConfiguration(
                            factory ->
                                factory
                                    .jdbcUrl(database.jdbcUrl())
                                    .principal(new NamePrincipal(database.user()))
                                    .credential(new SimplePassword(""))
                                    .initialSql("SET statement_timeout = 10000")));
    return AgroalDataSource.from(config);
  }
}
