package io.reelgate.server.db;

/**
 * One strategy per supported database: the facts the rest of the server needs to know about it.
 * Only this package reads the database's product name.
 */
public sealed interface Database permits Database.Embedded, Database.Shared {

  /** The database's name as shown to operators. */
  String name();

  /**
   * Whether other server processes may use the same database at the same time. An embedded file
   * database is opened by one process only, so at start-up nothing else can hold its jobs.
   */
  boolean sharedByNodes();

  /** H2 in a file of the data directory: one process, the embedded default. */
  record Embedded(String name) implements Database {
    @Override
    public boolean sharedByNodes() {
      return false;
    }
  }

  /** PostgreSQL: any number of server processes share it. */
  record Shared(String name) implements Database {
    @Override
    public boolean sharedByNodes() {
      return true;
    }
  }
}
