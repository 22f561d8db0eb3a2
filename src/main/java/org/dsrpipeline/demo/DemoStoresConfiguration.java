package org.dsrpipeline.demo;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.regex.Pattern;
import org.dsrpipeline.connector.JdbcDataSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * DEMO: the stores of the demo data map, so that the whole map works out of the box. Their database is
 * {@code dsr.stores.url} (an H2 file of its own, or {@code dsr_stores} on PostgreSQL, created when
 * missing). Seeds a small default when the stores are empty; {@code --demo.seed=true} re-seeds at
 * {@code --demo.subjects} and {@code --demo.messages}. A demo database that cannot be reached is logged,
 * and does not stop the application.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dsr.demo.stores.enabled", havingValue = "true")
class DemoStoresConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DemoStoresConfiguration.class);
  private static final Pattern POSTGRES_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([A-Za-z_][A-Za-z0-9_]*)(.*)");

  @Bean
  DemoStores demoStores(JdbcDataSources pools, Clock clock, @Value("${dsr.stores.url}") String url,
      @Value("${dsr.stores.username:}") String username, @Value("${dsr.stores.password:}") String password,
      @Value("${demo.seed:false}") boolean reseed, @Value("${demo.subjects:200}") int subjects,
      @Value("${demo.messages:5000}") int messages) {
    var dataSource = pools.get(url, username, password);
    try {
      createPostgresDatabaseIfMissing(url, username, password);
      var seeder = new DemoSeeder(dataSource, clock);
      seeder.createSchema();
      if (reseed || seeder.isEmpty()) {
        log.info("DEMO stores: seeding {} subjects and {} messages", subjects, messages);
        seeder.seed(subjects, messages);
      }
    } catch (SQLException | RuntimeException e) {
      log.warn("DEMO stores could not be prepared; the demo map's jdbc stores, helpdesk and CRM will fail: {}",
          e.getMessage());
    }
    return new DemoStores(dataSource);
  }

  private static void createPostgresDatabaseIfMissing(String url, String username, String password)
      throws SQLException {
    var parts = POSTGRES_URL.matcher(url);
    if (!parts.matches()) {
      return;
    }
    try (var ignored = DriverManager.getConnection(url, username, password)) {
      return;
    } catch (SQLException e) {
      if (!"3D000".equals(e.getSQLState())) {
        throw e;
      }
    }
    try (var admin = DriverManager.getConnection(parts.group(1) + "postgres" + parts.group(3), username, password);
         var statement = admin.createStatement()) {
      statement.execute("create database " + parts.group(2));
      log.info("DEMO stores: created database {}", parts.group(2));
    }
  }
}
