package org.dsrpipeline.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.util.List;
import java.util.zip.ZipInputStream;
import org.dsrpipeline.connector.RequestRef;
import org.dsrpipeline.connector.jdbc.JdbcConnector;
import org.dsrpipeline.datamap.IdentityType;
import org.dsrpipeline.datamap.JdbcSettings;
import org.dsrpipeline.datamap.Pseudonymiser;
import org.dsrpipeline.datamap.SubjectIdentities;
import org.dsrpipeline.support.DemoMaps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exports one subject's message logs into an EXPORT package, builds the access package (report.html and data.json,
 * encrypted, in the application's database) and reads it back, then prints what it took. Run in a JVM of its own
 * with a small heap by {@link PackageMillionRowsTest}; arguments: the stores' JDBC URL, user, password, schema, phone
 * number; the application database's JDBC URL, user, password; the request's id.
 */
public final class PackageBenchmark {

  private PackageBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    var storeUrl = args[0];
    var map = DemoMaps.demo("http://127.0.0.1:9", new String[] {storeUrl, args[1], args[2]});
    var store = map.store("message-log").orElseThrow();
    store = store.withJdbc(new JdbcSettings(storeUrl, args[1], args[2], args[3], store.jdbc().fetchSize()));
    var connector = new JdbcConnector(store, new DriverManagerDataSource(storeUrl, args[1], args[2]),
        new Pseudonymiser(() -> new byte[32]), Clock.systemUTC());
    var app = new DriverManagerDataSource(args[5], args[6], args[7]);
    var jdbc = new JdbcTemplate(app);
    var transactions = new TransactionTemplate(new DataSourceTransactionManager(app));
    var packages = new PackageStore(jdbc, new PackageCipher(PackageCipher.DEMO_KEY, false), Clock.systemUTC());
    var files = new ExportFiles(packages, new ObjectMapper());
    var requestId = Long.parseLong(args[8]);

    var started = System.nanoTime();
    var exported = transactions.execute(tx -> {
      var writer = files.open(requestId, "message-log");
      var outcome = connector.export(RequestRef.of("BENCHMARK"), SubjectIdentities.of(IdentityType.PHONE, args[4]),
          (s, collection, record) -> writer.write(collection, record));
      if (!outcome.ok()) {
        throw new IllegalStateException("export failed: " + outcome.error());
      }
      writer.seal();
      return writer.records();
    });
    var builder = new PackageBuilder(map, files, packages, new PackageBuilder.Facts("Benchmark", "dpo@example.org",
        "the authority", "en"));
    var built = transactions.execute(tx -> builder.build(requestId, "BENCHMARK", PackageStore.Kind.REVIEW,
        PackageBuilder.Format.ACCESS, List.of("message-log"), List.of(), List.of(), null, null));
    long zipped = 0;
    long rows = 0;
    var stored = packages.find(built.packageId()).orElseThrow();
    try (InputStream in = packages.reader(stored); var zip = new ZipInputStream(in)) {
      var buffer = new byte[64 * 1024];
      for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        var tail = "";
        for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
          zipped += n;
          if (entry.getName().equals("report.html")) {
            var text = tail + new String(buffer, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
            rows += text.split("<tr><td>", -1).length - 1;
            tail = text.substring(Math.max(0, text.length() - 8));
            if (tail.contains("<tr><td>")) {
              tail = tail.substring(tail.indexOf("<tr><td>") + 1);
            }
          }
        }
      }
    }
    var seconds = (System.nanoTime() - started) / 1e9;
    long peak = 0;
    for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf("exported=%d packaged=%d reportRows=%d chunks=%d unzippedBytes=%d seconds=%.1f peakHeapMb=%d "
        + "maxHeapMb=%d%n", exported, built.records(), rows, stored.chunks(), zipped, seconds, peak / (1024 * 1024),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }
}
