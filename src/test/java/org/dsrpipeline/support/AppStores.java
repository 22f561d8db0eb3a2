package org.dsrpipeline.support;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The demo stores of the application under test: the demo map's jdbc stores in {@code dsr_app_stores_it} on
 * PostgreSQL (in-memory H2 only off CI without PostgreSQL), as a deployment has them, apart from the application's
 * own database and from the connector tests' {@code dsr_stores_it}, which those tests re-seed.
 */
public final class AppStores {

  private static String[] connection;

  private AppStores() {
  }

  static synchronized void register(DynamicPropertyRegistry registry) {
    choose();
    registry.add("dsr.stores.url", () -> connection[0]);
    registry.add("dsr.stores.username", () -> connection[1]);
    registry.add("dsr.stores.password", () -> connection[2]);
  }

  /** The stores' database, to read their rows directly. */
  public static synchronized DataSource dataSource() {
    choose();
    return new DriverManagerDataSource(connection[0], connection[1], connection[2]);
  }

  private static void choose() {
    if (connection == null) {
      connection = TestDatabase.fresh("dsr_app_stores_it", "jdbc:h2:mem:demo-stores-test;DB_CLOSE_DELAY=-1");
    }
  }
}
