package org.dsrpipeline.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.dsrpipeline.demo.DemoSeeder;
import org.dsrpipeline.support.StoreDatabase;
import org.dsrpipeline.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An access package for a subject with 1,000,000 message-log rows, in a JVM limited to 256 MB of heap: the export
 * streams into the encrypted package store, the package (report.html and data.json) is built and read back one
 * record and one chunk at a time. PostgreSQL only, as ExportMillionRowsTest; prints the figures of docs/rights.md ("Benchmark: an access package of 1,000,000 rows").
 */
class PackageMillionRowsTest {

  private static final String PHONE = "+306912345679";
  private static final int ROWS = 1_000_000;
  private static final Pattern FIGURES = Pattern.compile("exported=(\\d+) packaged=(\\d+) reportRows=(\\d+) "
      + "chunks=(\\d+) unzippedBytes=(\\d+) seconds=([\\d.]+) peakHeapMb=(\\d+) maxHeapMb=(\\d+)");

  @Test
  void aMillionRowPackageIsBuiltIn256MegabytesOfHeap() throws Exception {
    assumeTrue(StoreDatabase.isPostgres(), "needs PostgreSQL");
    var stores = new JdbcTemplate(StoreDatabase.dataSource());
    new DemoSeeder(StoreDatabase.dataSource(), Clock.systemUTC()).createSchema();
    stores.execute("drop schema if exists bench_package cascade");
    stores.execute("create schema bench_package");
    stores.execute("create table bench_package.message_log (like messaging.message_log including all)");
    stores.update("""
        insert into bench_package.message_log (id, sender_customer_id, recipient_phone, recipient_email, channel,
          sender_id, body, device, interaction, sent_at)
        select g, 10 + g % 7, case when g <= ? then ? else '+30691234567' end, null, 'SMS', 'SENDER' || (10 + g % 7),
          'Your order ' || g || ' has shipped and arrives tomorrow.', 'Android 14 / Chrome 131', 'delivered',
          now() - (g % 700) * interval '1 day'
        from generate_series(1, ?) g""", ROWS, PHONE, ROWS + 50_000);
    stores.execute("analyze bench_package.message_log");

    var appDb = TestDatabase.fresh("dsr_packages_bench", "jdbc:h2:mem:dsr-packages-bench;DB_CLOSE_DELAY=-1");
    var app = new DriverManagerDataSource(appDb[0], appDb[1], appDb[2]);
    Flyway.configure().dataSource(app).locations("classpath:db/migration", "classpath:db/vendor/postgresql").load()
        .migrate();
    new JdbcTemplate(app).update("insert into dsr_request (id, reference, request_type, status, channel, email, "
        + "language, received_at, extended, version) values (1, 'DSR-2026-999999', 'ACCESS', 'IN_PROGRESS', 'WEB', "
        + "'bench@example.org', 'en', now(), false, 0)");

    var classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    var java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    var connection = StoreDatabase.connection();
    var command = List.of(java, "-Xmx256m", "-cp", classpath, PackageBenchmark.class.getName(), connection[0],
        connection[1], connection[2], "bench_package", PHONE, appDb[0], appDb[1], appDb[2], "1");
    var process = new ProcessBuilder(command).redirectErrorStream(true).start();
    var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();

    System.out.println("Access package of " + ROWS + " message-log rows with -Xmx256m: " + output.strip());
    assertThat(process.exitValue()).as(output).isZero();
    var figures = FIGURES.matcher(output);
    assertThat(figures.find()).as(output).isTrue();
    assertThat(Long.parseLong(figures.group(1))).isEqualTo(ROWS);
    assertThat(Long.parseLong(figures.group(2))).isEqualTo(ROWS);
    assertThat(Long.parseLong(figures.group(3))).isEqualTo(ROWS);
    assertThat(Long.parseLong(figures.group(8))).isLessThanOrEqualTo(256);
    stores.execute("drop schema bench_package cascade");
  }
}
