package io.reelgate.server.support;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A private H2 database in memory with the server's migrations applied, for fast tests of the
 * features that write tables, without Spring and without files.
 */
public final class MemoryDatabase {
  public final DataSource dataSource;
  public final JdbcClient jdbc;
  public final JdbcTemplate template;
  public final TransactionTemplate tx;

  public MemoryDatabase() {
    SimpleDriverDataSource ds = new SimpleDriverDataSource();
    ds.setDriverClass(org.h2.Driver.class);
    ds.setUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    ds.setUsername("sa");
    this.dataSource = ds;
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration/common", "classpath:db/migration/h2")
        .load()
        .migrate();
    this.template = new JdbcTemplate(ds);
    this.jdbc = JdbcClient.create(template);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
  }

  /** Closes the database and forgets its content. */
  public void drop() {
    jdbc.sql("SHUTDOWN").update();
  }
}
