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
 * {@link #fresh} gives other tests a database of their own the same way (the data stores' {@code dsr_stores_it}).
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
    return fresh(DATABASE, "jdbc:h2:mem:dsr-it;DB_CLOSE_DELAY=-1");
  }

  /**
   * Drops and creates {@code database} on the PostgreSQL server of the tests (the one of
   * {@code DSR_TEST_DATABASE_URL} when set, else 127.0.0.1:5432) and answers {url, username, password};
   * without PostgreSQL, off CI, answers {@code h2Url}.
   */
  public static String[] fresh(String database, String h2Url) {
    var configured = System.getenv("DSR_TEST_DATABASE_URL");
    var host = configured != null && configured.startsWith("jdbc:postgresql://")
        ? configured.substring(0, configured.indexOf('/', "jdbc:postgresql://".length()) + 1) : HOST;
    List<String[]> candidates = configured != null && !configured.isBlank()
        ? List.<String[]>of(new String[] {env("DSR_TEST_DATABASE_USERNAME", "dsr"),
            env("DSR_TEST_DATABASE_PASSWORD", "dsr")})
        : List.of(new String[] {"dsr", "dsr"}, new String[] {"postgres", ""});
    var failures = new StringBuilder();
    for (var credentials : candidates) {
      try (var admin = connect(host + "postgres", credentials[0], credentials[1])) {
        try (var statement = admin.createStatement()) {
          statement.execute("drop database if exists " + database + " with (force)");
          statement.execute("create database " + database);
        }
        System.out.println("Integration tests run on PostgreSQL, database " + database + " as " + credentials[0]);
        return new String[] {host + database, credentials[0], credentials[1]};
      } catch (SQLException e) {
        failures.append("\n  as ").append(credentials[0]).append(": ").append(e.getMessage());
      }
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true requires PostgreSQL on 127.0.0.1:5432 (role dsr/dsr with CREATEDB, "
          + "or postgres with trust auth), or DSR_TEST_DATABASE_URL. Tried:" + failures);
    }
    System.out.println("No PostgreSQL on " + host + "; " + database + " is in-memory H2." + failures);
    return new String[] {h2Url, "sa", ""};
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
