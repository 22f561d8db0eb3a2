package org.dsrpipeline.support;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The application's own database for plain tests: a fresh in-memory H2 with the Flyway migrations applied (the application's locations for H2). */
public final class AppDatabase {

  private AppDatabase() {
  }

  public static DataSource freshH2() {
    var dataSource = new DriverManagerDataSource("jdbc:h2:mem:app-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa",
        "");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
    return dataSource;
  }
}
