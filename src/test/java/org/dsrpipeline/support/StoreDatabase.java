package org.dsrpipeline.support;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/**
 * The data stores' own database for the connector tests: a fresh {@code dsr_stores_it} on PostgreSQL per
 * test run, apart from the application's, as a real deployment has it; in-memory H2 only off CI when
 * there is no PostgreSQL (see {@link TestDatabase}).
 */
public final class StoreDatabase {

  private static String[] chosen;
  private static HikariDataSource dataSource;

  private StoreDatabase() {
  }

  /** {url, username, password}. */
  public static synchronized String[] connection() {
    if (chosen == null) {
      chosen = TestDatabase.fresh("dsr_stores_it", "jdbc:h2:mem:dsr-stores-it;DB_CLOSE_DELAY=-1");
    }
    return chosen.clone();
  }

  public static synchronized DataSource dataSource() {
    if (dataSource == null) {
      var connection = connection();
      dataSource = new HikariDataSource();
      dataSource.setJdbcUrl(connection[0]);
      dataSource.setUsername(connection[1]);
      dataSource.setPassword(connection[2]);
      dataSource.setMaximumPoolSize(4);
    }
    return dataSource;
  }

  public static boolean isPostgres() {
    return connection()[0].startsWith("jdbc:postgresql:");
  }
}
