package org.dsrpipeline.connector;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import org.dsrpipeline.connector.http.HttpConnector;
import org.dsrpipeline.connector.jdbc.JdbcConnector;
import org.dsrpipeline.connector.manual.ManualActions;
import org.dsrpipeline.connector.manual.ManualConnector;
import org.dsrpipeline.datamap.DataMap;
import org.dsrpipeline.datamap.Pseudonymiser;
import org.dsrpipeline.datamap.Store;

/** Builds the connector of each store of a data map by its kind: the one place a new kind is added. */
public final class Connectors {

  private Connectors() {
  }

  public static List<Connector> of(DataMap map, JdbcDataSources pools, Pseudonymiser pseudonymiser,
      ManualActions manualActions, Clock clock) {
    return map.stores().stream().map(store -> of(store, pools, pseudonymiser, manualActions, clock)).toList();
  }

  public static Connector of(Store store, JdbcDataSources pools, Pseudonymiser pseudonymiser,
      ManualActions manualActions, Clock clock) {
    return switch (store.kind()) {
      case JDBC -> new JdbcConnector(store,
          pools.get(store.jdbc().url(), store.jdbc().username(), store.jdbc().password()), pseudonymiser, clock);
      case HTTP -> new HttpConnector(store,
          HttpClient.newBuilder().connectTimeout(store.http().connectTimeout()).build(), pseudonymiser, clock);
      case MANUAL -> new ManualConnector(store, manualActions);
    };
  }
}
