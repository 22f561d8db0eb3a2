package org.dsrpipeline.connector;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One small connection pool per store database, shared by the stores (and the demo) that use the same
 * URL and user. A pool opens no connection until it is used, so a database that is down fails only the
 * operations on its stores, never the application's start.
 */
public final class JdbcDataSources implements AutoCloseable {

  private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();

  public DataSource get(String url, String username, String password) {
    return pools.computeIfAbsent(url + '\u0000' + username + '\u0000' + password, key -> {
      var config = new HikariConfig();
      config.setPoolName("dsr-store-" + count.incrementAndGet());
      config.setJdbcUrl(url);
      config.setUsername(username);
      config.setPassword(password);
      config.setMaximumPoolSize(4);
      config.setMinimumIdle(0);
      config.setInitializationFailTimeout(-1);
      config.setConnectionTimeout(5_000);
      return new HikariDataSource(config);
    });
  }

  @Override
  public void close() {
    pools.values().forEach(HikariDataSource::close);
    pools.clear();
  }
}
