package io.reelgate.archfixture.api.pixazo;

import org.springframework.jdbc.core.simple.JdbcClient;

/** A controller that reads a table itself. */
public class ReadsTheDatabase {
  public Object read(JdbcClient jdbc) {
    return jdbc.sql("SELECT 1").query(Integer.class).single();
  }
}
