package io.reelgate.server.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the {@link Database} strategy from the configured data source. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  @Bean
  Database database(DataSource dataSource) {
    return of(productName(dataSource));
  }

  static Database of(String productName) {
    return switch (productName.toLowerCase(java.util.Locale.ROOT)) {
      case "h2" -> new Database.Embedded("H2");
      case "postgresql" -> new Database.Shared("PostgreSQL");
      default ->
          throw new IllegalStateException(
              "unsupported database '" + productName + "': Reelgate runs on H2 or PostgreSQL");
    };
  }

  private static String productName(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return c.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the database's product name", e);
    }
  }
}
