package org.dsrpipeline.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The demo stores of the application under test: the demo map's jdbc stores in {@code dsr_app_stores_it} on
 * PostgreSQL (in-memory H2 only off CI without PostgreSQL), apart from the connector tests' {@code dsr_stores_it},
 * which those tests re-seed; the map's helpdesk and CRM ({@code DSR_PUBLIC_BASE_URL}) at the application's own port.
 */
public final class AppStores {

  private static String[] connection;
  private static int port;

  private AppStores() {
  }

  static synchronized void register(DynamicPropertyRegistry registry) {
    choose();
    registry.add("dsr.stores.url", () -> connection[0]);
    registry.add("dsr.stores.username", () -> connection[1]);
    registry.add("dsr.stores.password", () -> connection[2]);
    registry.add("server.port", () -> port);
    registry.add("DSR_PUBLIC_BASE_URL", () -> "http://127.0.0.1:" + port);
  }

  /** The stores' database, to read their rows directly. */
  public static synchronized DataSource dataSource() {
    choose();
    return new DriverManagerDataSource(connection[0], connection[1], connection[2]);
  }

  private static void choose() {
    if (connection == null) {
      connection = TestDatabase.fresh("dsr_app_stores_it", "jdbc:h2:mem:demo-stores-test;DB_CLOSE_DELAY=-1");
      port = freePort();
    }
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
