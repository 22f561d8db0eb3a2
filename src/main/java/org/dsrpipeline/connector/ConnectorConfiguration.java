package org.dsrpipeline.connector;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.dsrpipeline.connector.manual.ManualAction;
import org.dsrpipeline.connector.manual.ManualActionListener;
import org.dsrpipeline.connector.manual.ManualActions;
import org.springframework.beans.factory.ObjectProvider;
import org.dsrpipeline.datamap.DataMap;
import org.dsrpipeline.datamap.DataMapException;
import org.dsrpipeline.datamap.DataMapLoader;
import org.dsrpipeline.datamap.IdentityGraph;
import org.dsrpipeline.datamap.Pseudonymiser;
import org.dsrpipeline.security.DeploymentSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Loads and validates the data map at start-up (a map with problems stops the start with them), and
 * builds the connector of every store. The data map is the first bean here, so that its problems are
 * what a failed start reports.
 */
@Configuration(proxyBeanMethods = false)
class ConnectorConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ConnectorConfiguration.class);

  @Bean
  DataMap dataMap(ResourceLoader resources, Environment environment,
      @Value("${dsr.datamap.location:classpath:datamap/demo-datamap.yaml}") String location) {
    var map = load(resources, environment, location);
    log.info("Data map {}: {} stores ({})", location, map.stores().size(),
        String.join(", ", map.stores().stream().map(s -> s.name() + " [" + s.kind().yamlName() + "]").toList()));
    return map;
  }

  static DataMap load(ResourceLoader resources, Environment environment, String location) {
    var resource = resources.getResource(location);
    var file = resource.getFilename() == null ? location : resource.getFilename();
    if (!resource.exists()) {
      throw new DataMapException(List.of(location + ": no such file; set dsr.datamap.location "
          + "(DSR_DATAMAP_LOCATION) to a data map such as file:/etc/dsr/datamap.yaml"));
    }
    try {
      return new DataMapLoader(environment::getProperty)
          .load(file, new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DataMapException(List.of(location + ": cannot be read: " + e.getMessage()));
    }
  }

  @Bean(destroyMethod = "close")
  JdbcDataSources jdbcDataSources() {
    return new JdbcDataSources();
  }

  @Bean
  Pseudonymiser pseudonymiser(DeploymentSecrets secrets) {
    return new Pseudonymiser(secrets::pseudonymKey);
  }

  @Bean
  ManualActions manualActions(DataSource dataSource, Clock clock, ObjectProvider<ManualActionListener> listeners,
      PlatformTransactionManager transactions) {
    return new ManualActions(dataSource, clock, new AllManualActionListeners(listeners), transactions);
  }

  /** Every listener bean in order (the evidence, the Tasklist task); the first tracking id any answers. */
  private record AllManualActionListeners(ObjectProvider<ManualActionListener> listeners) implements ManualActionListener {

    @Override
    public String opened(ManualAction action) {
      String trackingId = null;
      for (var listener : listeners.orderedStream().toList()) {
        var id = listener.opened(action);
        trackingId = trackingId == null ? id : trackingId;
      }
      return trackingId;
    }

    @Override
    public void answered(ManualAction action, String trackingId) {
      listeners.orderedStream().forEach(listener -> listener.answered(action, trackingId));
    }
  }

  @Bean
  ConnectorRegistry connectorRegistry(DataMap map, JdbcDataSources pools, Pseudonymiser pseudonymiser,
      ManualActions manualActions, Clock clock,
      @Value("${dsr.datamap.identity-graph.max-rounds:10}") int maxRounds,
      @Value("${dsr.datamap.identity-graph.max-values:200}") int maxValues) {
    return new ConnectorRegistry(Connectors.of(map, pools, pseudonymiser, manualActions, clock),
        new IdentityGraph(maxRounds, maxValues));
  }
}
