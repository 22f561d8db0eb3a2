package org.dsrpipeline.connector.jdbc;

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
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An export of a subject with 1,000,000 message-log rows, in a JVM limited to 256 MB of heap: the
 * connector must stream. PostgreSQL only (bulk insert with generate_series); prints rows, seconds and
 * peak heap, the figures in docs/data-map.md ("Benchmark: export of 1,000,000 rows").
 */
class ExportMillionRowsTest {

  private static final String PHONE = "+306912345678";
  private static final int ROWS = 1_000_000;
  private static final Pattern FIGURES = Pattern.compile(
      "rows=(\\d+) bytes=(\\d+) seconds=([\\d.]+) peakHeapMb=(\\d+) maxHeapMb=(\\d+)");

  @Test
  void aMillionRowExportCompletesIn256MegabytesOfHeap() throws Exception {
    assumeTrue(StoreDatabase.isPostgres(), "needs PostgreSQL");
    var jdbc = new JdbcTemplate(StoreDatabase.dataSource());
    new DemoSeeder(StoreDatabase.dataSource(), Clock.systemUTC()).createSchema();
    jdbc.execute("drop schema if exists bench cascade");
    jdbc.execute("create schema bench");
    jdbc.execute("create table bench.message_log (like messaging.message_log including all)");
    jdbc.update("""
        insert into bench.message_log (id, sender_customer_id, recipient_phone, recipient_email, channel, sender_id,
          body, device, interaction, sent_at)
        select g, 10 + g % 7, case when g <= ? then ? else '+30691234567' end, null, 'SMS', 'SENDER' || (10 + g % 7),
          'Your order ' || g || ' has shipped and arrives tomorrow.', 'Android 14 / Chrome 131', 'delivered',
          now() - (g % 700) * interval '1 day'
        from generate_series(1, ?) g""", ROWS, PHONE, ROWS + 100_000);
    jdbc.execute("analyze bench.message_log");

    var classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    var java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    var connection = StoreDatabase.connection();
    var command = List.of(java, "-Xmx256m", "-cp", classpath, ExportBenchmark.class.getName(), connection[0],
        connection[1], connection[2], "bench", PHONE);
    var process = new ProcessBuilder(command).redirectErrorStream(true).start();
    var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

    System.out.println("Export of " + ROWS + " message-log rows with -Xmx256m: " + output.strip());
    assertThat(process.exitValue()).as(output).isZero();
    var figures = FIGURES.matcher(output);
    assertThat(figures.find()).as(output).isTrue();
    assertThat(Long.parseLong(figures.group(1))).isEqualTo(ROWS);
    assertThat(Long.parseLong(figures.group(5))).isLessThanOrEqualTo(256);
  }
}
