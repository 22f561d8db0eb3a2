package org.dsrpipeline.connector.jdbc;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.time.Clock;
import org.dsrpipeline.connector.JsonExportSink;
import org.dsrpipeline.connector.RequestRef;
import org.dsrpipeline.datamap.IdentityType;
import org.dsrpipeline.datamap.JdbcSettings;
import org.dsrpipeline.datamap.Pseudonymiser;
import org.dsrpipeline.datamap.SubjectIdentities;
import org.dsrpipeline.support.DemoMaps;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Exports one subject's message logs as JSON to a stream that only counts bytes, and prints what it took.
 * Run in a JVM of its own with a small heap by {@link ExportMillionRowsTest}; arguments: JDBC URL, user,
 * password, schema, phone number.
 */
public final class ExportBenchmark {

  private ExportBenchmark() {
  }

  public static void main(String[] args) {
    var url = args[0];
    var store = DemoMaps.demo("http://127.0.0.1:9", new String[] {url, args[1], args[2]}).store("message-log")
        .orElseThrow();
    store = store.withJdbc(new JdbcSettings(url, args[1], args[2], args[3], store.jdbc().fetchSize()));
    var connector = new JdbcConnector(store, new DriverManagerDataSource(url, args[1], args[2]),
        new Pseudonymiser(() -> new byte[32]), Clock.systemUTC());
    var out = new CountingOutputStream();

    var started = System.nanoTime();
    long rows;
    try (var sink = new JsonExportSink(out, null)) {
      var outcome = connector.export(RequestRef.of("BENCHMARK"), SubjectIdentities.of(IdentityType.PHONE, args[4]),
          sink);
      if (!outcome.ok()) {
        System.out.println("failed=" + outcome.error());
        System.exit(2);
      }
      rows = sink.records();
    }
    var seconds = (System.nanoTime() - started) / 1e9;

    long peak = 0;
    for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf("rows=%d bytes=%d seconds=%.1f peakHeapMb=%d maxHeapMb=%d%n", rows, out.count, seconds,
        peak / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }

  private static final class CountingOutputStream extends OutputStream {

    private long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
