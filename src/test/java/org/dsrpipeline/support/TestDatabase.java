package org.dsrpipeline.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Chooses the database of the integration tests: PostgreSQL when one is configured or answers on
 * 127.0.0.1:5432 (a fresh {@code dsr_it} database per test run), else in-memory H2. Under CI
 * ({@code CI=true}) PostgreSQL is required: a missing server fails the run instead of falling back.
 */
public final class TestDatabase {

  private static final String HOST = "jdbc:postgresql://127.0.0.1:5432/";
  private static final String DATABASE = "dsr_it";
  private static volatile String[] chosen;

  private TestDatabase() {
  }

  public static synchronized void register(DynamicPropertyRegistry registry) {
    if (chosen == null) {
      chosen = choose();
    }
    registry.add("spring.datasource.url", () -> chosen[0]);
    registry.add("spring.datasource.username", () -> chosen[1]);
    registry.add("spring.datasource.password", () -> chosen[2]);
  }

  private static String[] choose() {
    var configured = System.getenv("DSR_TEST_DATABASE_URL");
    if (configured != null && !configured.isBlank()) {
      return new String[] {configured, env("DSR_TEST_DATABASE_USERNAME", "dsr"), env("DSR_TEST_DATABASE_PASSWORD", "dsr")};
    }
    var failures = new StringBuilder();
    for (var credentials : List.of(new String[] {"dsr", "dsr"}, new String[] {"postgres", ""})) {
      try (var admin = connect(HOST + "postgres", credentials[0], credentials[1])) {
        try (var statement = admin.createStatement()) {
          statement.execute("drop database if exists " + DATABASE + " with (force)");
          statement.execute("create database " + DATABASE);
        }
        System.out.println("Integration tests run on PostgreSQL, database " + DATABASE + " as " + credentials[0]);
        return new String[] {HOST + DATABASE, credentials[0], credentials[1]};
      } catch (SQLException e) {
        failures.append("\n  as ").append(credentials[0]).append(": ").append(e.getMessage());
      }
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true requires PostgreSQL on 127.0.0.1:5432 (role dsr/dsr with CREATEDB, "
          + "or postgres with trust auth), or DSR_TEST_DATABASE_URL. Tried:" + failures);
    }
    System.out.println("No PostgreSQL on 127.0.0.1:5432; integration tests run on in-memory H2." + failures);
    return new String[] {"jdbc:h2:mem:dsr-it;DB_CLOSE_DELAY=-1", "sa", ""};
  }

  private static Connection connect(String url, String user, String password) throws SQLException {
    var properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("connectTimeout", "3");
    properties.setProperty("loginTimeout", "3");
    return DriverManager.getConnection(url, properties);
  }

  private static String env(String name, String fallback) {
    var value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
