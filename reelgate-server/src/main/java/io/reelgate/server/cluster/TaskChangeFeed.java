package io.reelgate.server.cluster;

import io.reelgate.server.db.Database;
import io.reelgate.server.engine.TaskEngine;
import io.reelgate.server.task.TaskChanged;
import io.reelgate.server.task.TaskRecord;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells every node about the task changes made on the others, on PostgreSQL: each transaction that
 * changes tasks sends one {@code NOTIFY} per few hundred changes just before it commits (PostgreSQL
 * delivers it with the commit, and never for a rollback), and a thread per node listens on its own
 * connection and publishes a {@link RemoteTaskChange} for each change another node made (and stops
 * polling the upstream job of a task another node finished). On the embedded database there is one
 * process, and the in-process events are all there is.
 */
@Component
public class TaskChangeFeed implements SmartInitializingSingleton, DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(TaskChangeFeed.class);
  private static final int MAX_PAYLOAD = 7_000;
  private static final Object PENDING = new Object();

  private final boolean shared;
  private final JdbcClient jdbc;
  private final Environment environment;
  private final ApplicationEventPublisher events;
  private final String nodeId;
  private final ObjectProvider<TaskEngine> engine;
  private volatile String channel;
  private volatile boolean stopped;
  private Thread listener;

  TaskChangeFeed(
      Database database,
      JdbcClient jdbc,
      Environment environment,
      ApplicationEventPublisher events,
      NodeLeases leases,
      ObjectProvider<TaskEngine> engine) {
    this.engine = engine;
    this.shared = database.sharedByNodes();
    this.jdbc = jdbc;
    this.environment = environment;
    this.events = events;
    this.nodeId = leases.nodeId();
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!shared) {
      return;
    }
    // why: NOTIFY channels are per database, not per schema; nodes on other schemas of the same
    // database are other deployments
    String schema = jdbc.sql("SELECT current_schema()").query(String.class).single();
    channel = "reelgate_tasks_" + schema.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    listener = Thread.ofPlatform().daemon().name("task-change-feed").start(this::listen);
  }

  /** A task changed in the current transaction: other nodes hear of it when it commits. */
  @EventListener
  public void onTaskChanged(TaskChanged event) {
    if (!shared || channel == null) {
      return;
    }
    TaskRecord t = event.task();
    String line =
        String.join(
            "\t",
            nodeId,
            t.id(),
            t.accountId(),
            String.valueOf(t.version()),
            t.state().isTerminal() ? "end" : "");
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      send(List.of(line));
      return;
    }
    @SuppressWarnings("unchecked")
    List<String> pending = (List<String>) TransactionSynchronizationManager.getResource(PENDING);
    if (pending == null) {
      List<String> lines = new ArrayList<>();
      TransactionSynchronizationManager.bindResource(PENDING, lines);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
              send(lines);
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
            }
          });
      pending = lines;
    }
    pending.add(line);
  }

  private void send(List<String> lines) {
    StringBuilder payload = new StringBuilder();
    for (String line : lines) {
      if (payload.length() + line.length() + 1 > MAX_PAYLOAD) {
        notifyWith(payload.toString());
        payload.setLength(0);
      }
      payload.append(payload.isEmpty() ? "" : "\n").append(line);
    }
    if (!payload.isEmpty()) {
      notifyWith(payload.toString());
    }
  }

  private void notifyWith(String payload) {
    jdbc.sql("SELECT pg_notify(?, ?)").params(channel, payload).query(Object.class).list();
  }

  private void listen() {
    long backoff = 500;
    while (!stopped) {
      try (Connection c = connect()) {
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + channel);
        }
        log.info("node {} listens for task changes of other nodes on '{}'", nodeId, channel);
        backoff = 500;
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!stopped) {
          PGNotification[] received = pg.getNotifications(1_000);
          if (received != null) {
            for (PGNotification n : received) {
              deliver(n.getParameter());
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (stopped) {
          return;
        }
        // why: changes made while the connection was down are not heard of; streams show them
        // with the task's next change or when they reconnect
        log.warn("task change feed lost its connection ({}); reconnecting", e.getMessage());
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          return;
        }
        backoff = Math.min(backoff * 2, 10_000);
      }
    }
  }

  private void deliver(String payload) {
    for (String line : payload.split("\n")) {
      String[] f = line.split("\t");
      if (f.length < 4 || f[0].equals(nodeId)) {
        continue;
      }
      try {
        boolean finished = f.length > 4 && f[4].equals("end");
        if (finished) {
          engine.getObject().finishedElsewhere(f[1]);
        }
        events.publishEvent(new RemoteTaskChange(f[1], f[2], Integer.parseInt(f[3]), finished));
      } catch (RuntimeException e) {
        log.debug("task change {} not delivered: {}", line, e.getMessage());
      }
    }
  }

  private Connection connect() throws SQLException {
    String url = environment.getRequiredProperty("spring.datasource.url");
    String user = environment.getProperty("spring.datasource.username", "");
    String password = environment.getProperty("spring.datasource.password", "");
    return user.isBlank()
        ? DriverManager.getConnection(url)
        : DriverManager.getConnection(url, user, password);
  }

  @Override
  public void destroy() {
    stopped = true;
    if (listener != null) {
      listener.interrupt();
    }
  }
}
