package org.dsrpipeline.rights;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.dsrpipeline.connector.Connector;
import org.dsrpipeline.connector.ConnectorRegistry;
import org.dsrpipeline.connector.Connectors;
import org.dsrpipeline.connector.JdbcDataSources;
import org.dsrpipeline.connector.manual.ManualActions;
import org.dsrpipeline.datamap.HttpSettings;
import org.dsrpipeline.datamap.IdentityGraph;
import org.dsrpipeline.datamap.Pseudonymiser;
import org.dsrpipeline.datamap.Store;
import org.dsrpipeline.datamap.StoreKind;
import org.dsrpipeline.demo.DemoSeeder;
import org.dsrpipeline.support.DemoMaps;
import org.dsrpipeline.support.FakeSaas;
import org.dsrpipeline.support.StoreDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo map's stores for the rights' tests: the jdbc stores seeded on PostgreSQL ({@code dsr_stores_it}),
 * the helpdesk and CRM on a real local HTTP server holding the demo's tickets and contacts (one attempt per
 * call, so that a store down fails at once), the paper archive as manual actions in the application's
 * database. Counts the identity look-ups the stores answer.
 */
final class DemoStoresFixture implements AutoCloseable {

  final FakeSaas saas = FakeSaas.start();
  final AtomicInteger identityLookups = new AtomicInteger();
  private final JdbcDataSources pools = new JdbcDataSources();
  private final List<Connector> connectors;

  DemoStoresFixture(DataSource appDatabase, Pseudonymiser pseudonymiser, Clock clock) {
    try {
      new DemoSeeder(StoreDatabase.dataSource(), clock).seed(40, 1_500);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    saas.pageSize(20);
    var demo = new JdbcTemplate(StoreDatabase.dataSource());
    demo.queryForList("select * from demo_helpdesk.ticket order by id").forEach(t -> saas.tickets.add(
        "requester_email", t.get("requester_email"), "requester_name", t.get("requester_name"),
        "requester_phone", t.get("requester_phone"), "subject", t.get("subject"), "body", t.get("body"),
        "created_at", ((Timestamp) t.get("created_at")).toInstant().toString(), "restricted", t.get("restricted")));
    demo.queryForList("select * from demo_crm.contact order by id").forEach(c -> saas.contacts.add(
        "email", c.get("email"), "phone", c.get("phone"), "full_name", c.get("full_name"), "company", c.get("company"),
        "notes", c.get("notes"), "unsubscribed", c.get("unsubscribed"), "restricted", c.get("restricted")));
    var manual = new ManualActions(appDatabase, clock);
    connectors = DemoMaps.demo(saas.baseUrl()).stores().stream().map(DemoStoresFixture::oneAttempt)
        .map(store -> counting(Connectors.of(store, pools, pseudonymiser, manual, clock))).toList();
  }

  ConnectorRegistry registry() {
    return registry(new IdentityGraph(IdentityGraph.DEFAULT_MAX_ROUNDS, IdentityGraph.DEFAULT_MAX_VALUES));
  }

  ConnectorRegistry registry(IdentityGraph graph) {
    return new ConnectorRegistry(connectors, graph);
  }

  @Override
  public void close() {
    saas.close();
    pools.close();
  }

  /** The store's http settings with one attempt per call; every other setting copied (whatever the record holds). */
  private static Store oneAttempt(Store store) {
    if (store.kind() != StoreKind.HTTP) {
      return store;
    }
    try {
      var components = HttpSettings.class.getRecordComponents();
      var values = new Object[components.length];
      var types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] = switch (components[i].getName()) {
          case "maxAttempts" -> 1;
          case "retryBackoff" -> Duration.ofMillis(1);
          default -> components[i].getAccessor().invoke(store.http());
        };
      }
      return store.withHttp(HttpSettings.class.getDeclaredConstructor(types).newInstance(values));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private Connector counting(Connector connector) {
    return (Connector) Proxy.newProxyInstance(Connector.class.getClassLoader(), new Class<?>[] {Connector.class},
        (proxy, method, args) -> {
          if (method.getName().equals("identitiesLinkedTo")) {
            identityLookups.incrementAndGet();
          }
          try {
            return method.invoke(connector, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
