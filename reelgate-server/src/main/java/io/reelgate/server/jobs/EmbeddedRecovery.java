package io.reelgate.server.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Embedded mode (H2 file): only one process can open the database, so at start-up no job can still
 * be running elsewhere. Jobs that the previous process had picked when it died are released here,
 * before the scheduler starts, so they run again at once instead of waiting for dead-execution
 * detection; tasks waiting for an upstream are looked at again at once (their polling lived in the
 * memory of the previous process). Shared databases (PostgreSQL) keep relying on heartbeats, since
 * other nodes may be alive.
 */
@Component
@DependsOn("flywayInitializer")
class EmbeddedRecovery implements InitializingBean {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedRecovery.class);

  private final DataSource dataSource;
  private final JdbcClient jdbc;

  EmbeddedRecovery(DataSource dataSource, JdbcClient jdbc) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
  }

  @Override
  public void afterPropertiesSet() throws SQLException {
    String product;
    try (Connection c = dataSource.getConnection()) {
      product = c.getMetaData().getDatabaseProductName();
    }
    if (!"H2".equalsIgnoreCase(product)) {
      return;
    }
    int released =
        jdbc.sql(
                "UPDATE scheduled_tasks SET picked = FALSE, picked_by = NULL,"
                    + " last_heartbeat = NULL, version = version + 1 WHERE picked = TRUE")
            .update();
    if (released > 0) {
      log.info("Resuming {} job(s) that were running when the server last stopped", released);
    }
    // why: tasks in flight upstream were polled from memory; their durable jobs wait for the
    // backstop. Moving them to now puts every such task back into polling right after the start.
    int inFlight =
        jdbc.sql(
                "UPDATE scheduled_tasks SET execution_time = CURRENT_TIMESTAMP"
                    + " WHERE task_name = 'advance-task' AND execution_time > CURRENT_TIMESTAMP")
            .update();
    if (inFlight > 0) {
      log.info("Taking back {} task(s) that wait for their upstream", inFlight);
    }
  }
}
