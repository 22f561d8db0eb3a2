package org.dsrpipeline.connector;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health component {@code stores}, one component per data store of the data map: UP when the store answers a
 * connection (jdbc) or its base URL (http), UNREACHABLE otherwise. A store that is down delays only the
 * steps that need it (they retry and raise an incident), so UNREACHABLE ranks below UP
 * ({@code management.endpoint.health.status.order}) and never takes the service down.
 */
@Component("stores") // health component "stores"
class StoresHealthContributor implements CompositeHealthContributor {

  static final Status UNREACHABLE = new Status("UNREACHABLE", "the store does not answer: its steps retry");
  private static final int MAX_ERROR_LENGTH = 300;

  private final Map<String, HealthIndicator> byStore = new LinkedHashMap<>();

  StoresHealthContributor(ConnectorRegistry registry) {
    for (var connector : registry.connectors()) {
      byStore.put(connector.name(), () -> check(connector));
    }
  }

  private static Health check(Connector connector) {
    var health = new Health.Builder().withDetail("kind", connector.store().kind().name());
    try {
      connector.checkReachable();
      return health.up().build();
    } catch (Exception e) {
      var message = e.getMessage() == null ? "" : e.getMessage();
      return health.status(UNREACHABLE).withDetail("error", e.getClass().getSimpleName() + ": "
          + (message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) + "…" : message)).build();
    }
  }

  @Override
  public HealthContributor getContributor(String name) {
    return byStore.get(name);
  }

  @Override
  public Iterator<NamedContributor<HealthContributor>> iterator() {
    return byStore.entrySet().stream()
        .map(e -> NamedContributor.<HealthContributor>of(e.getKey(), e.getValue())).iterator();
  }
}
